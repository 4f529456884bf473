package org.fangxin.complaint.web;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fangxin.card.CardStatus;
import org.fangxin.card.CardView;
import org.fangxin.card.Cards;
import org.fangxin.complaint.ComplaintCategory;
import org.fangxin.complaint.ComplaintStage;
import org.fangxin.complaint.ComplaintSubject;
import org.fangxin.complaint.ComplaintView;
import org.fangxin.complaint.Complaints;
import org.fangxin.complaint.EvidenceUpload;
import org.fangxin.complaint.FileComplaint;
import org.fangxin.complaint.workflow.CaseDesk;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.shared.Idempotency;
import org.fangxin.shared.Rejection;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Complaint pages: the consumer's intake form (from a card, a redemption, a refund or the list) and everybody's case
 * list and case page, whose forms are the steps the viewer may take ({@link CaseActionsPageController}).
 */
@Controller
class ComplaintPageController {

    static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(CaseDesk.ZONE);

    private final Complaints complaints;
    private final Cards cards;
    private final Idempotency idempotency;
    private final org.fangxin.merchant.Merchants merchants;

    ComplaintPageController(Complaints complaints, Cards cards, Idempotency idempotency,
                            org.fangxin.merchant.Merchants merchants) {
        this.complaints = complaints;
        this.cards = cards;
        this.idempotency = idempotency;
        this.merchants = merchants;
    }

    @GetMapping("/complaints")
    String list(Actor actor, @RequestParam(required = false) ComplaintStage stage, Model model) {
        model.addAttribute("complaints", complaints.list(actor, stage, Complaints.LIST_SIZE_MAX));
        model.addAttribute("stage", stage);
        model.addAttribute("stages", ComplaintStage.values());
        model.addAttribute("consumer", actor.is(Role.CONSUMER));
        model.addAttribute("handler", actor.is(Role.OPERATOR, Role.ASSOCIATION, Role.REGULATOR));
        model.addAttribute("today", complaints.today());
        model.addAttribute("at", AT);
        if (actor.is(Role.CONSUMER)) {
            model.addAttribute("cards", cards.list(actor, 100).stream().filter(c -> c.status() == CardStatus.ACTIVE).toList());
        }
        return "complaint/list";
    }

    @GetMapping("/complaints/new")
    String intake(Actor actor, @RequestParam ComplaintSubject subject, @RequestParam UUID subjectId,
                  @RequestParam(required = false) UUID cardId, Model model) {
        if (!actor.is(Role.CONSUMER)) {
            throw new Rejection(org.fangxin.shared.ProblemType.FORBIDDEN, "only consumers file complaints");
        }
        model.addAttribute("subject", subject);
        model.addAttribute("subjectId", subjectId);
        model.addAttribute("cardId", cardId);
        model.addAttribute("categories", ComplaintCategory.values());
        model.addAttribute("key", UUID.randomUUID().toString());
        if (subject == ComplaintSubject.CARD) {
            model.addAttribute("card", cards.view(actor, subjectId));
        }
        if (subject == ComplaintSubject.MERCHANT) {
            model.addAttribute("merchant", merchants.find(subjectId)
                    .orElseThrow(() -> Rejection.notFound("merchant " + subjectId)));
            model.addAttribute("merchantCards", cards.list(actor, 100).stream()
                    .filter(c -> c.merchantId().equals(subjectId)).toList());
        }
        return "complaint/new";
    }

    @PostMapping("/complaints")
    String file(Actor actor, @RequestParam ComplaintSubject subject, @RequestParam UUID subjectId,
                @RequestParam(required = false) UUID cardId, @RequestParam(required = false) ComplaintCategory category,
                @RequestParam(required = false) String askedYuan, @RequestParam(required = false) String askedAction,
                @RequestParam(required = false) String description, @RequestParam String key,
                @RequestParam(name = "files", required = false) List<MultipartFile> files, Model model,
                RedirectAttributes redirect) {
        try {
            FileComplaint command = new FileComplaint(subject, subjectId, cardId, category,
                    Yuan.parse(askedYuan, "asked"), askedAction, description);
            List<EvidenceUpload> uploads = new ArrayList<>();
            for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
                if (!file.isEmpty()) {
                    uploads.add(ComplaintApiController.upload(file));
                }
            }
            Idempotency.Answer answer = idempotency.execute(actor.scope(), key, true, command,
                    () -> Idempotency.Answer.of(201, complaints.file(actor, command, uploads)));
            String id = answer.body() instanceof ComplaintView view ? view.id().toString()
                    : ((tools.jackson.databind.JsonNode) answer.body()).get("id").asString();
            redirect.addFlashAttribute("filed", true);
            return "redirect:/complaints/" + id;
        } catch (Rejection rejection) {
            model.addAttribute("error", rejection.getLocalizedMessage());
            model.addAttribute("askedYuan", askedYuan);
            model.addAttribute("askedAction", askedAction);
            model.addAttribute("description", description);
            model.addAttribute("category", category);
            return intake(actor, subject, subjectId, cardId, model);
        }
    }

    @GetMapping("/complaints/{id}")
    String view(Actor actor, @PathVariable UUID id, Model model) {
        ComplaintView complaint = complaints.view(actor, id);
        String party = complaints.partyOf(actor, id);
        model.addAttribute("c", complaint);
        model.addAttribute("party", party);
        model.addAttribute("timeline", complaints.timeline(actor, id));
        model.addAttribute("messages", complaints.messages(actor, id));
        model.addAttribute("evidence", complaints.evidence(actor, id));
        model.addAttribute("actions", CaseActions.of(complaint, party, complaints.today()));
        model.addAttribute("key", UUID.randomUUID().toString());
        model.addAttribute("remedies", org.fangxin.complaint.Remedy.values());
        model.addAttribute("at", AT);
        if (complaint.cardId() != null && "CONSUMER".equals(party)) {
            model.addAttribute("card", cards.find(complaint.cardId()).orElse(null));
        }
        return "complaint/detail";
    }

    @GetMapping("/complaints/{id}/evidence/{evidenceId}")
    ResponseEntity<byte[]> evidence(Actor actor, @PathVariable UUID id, @PathVariable UUID evidenceId) {
        return ComplaintApiController.file(complaints.evidenceFile(actor, id, evidenceId));
    }
}
