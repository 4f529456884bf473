package org.fangxin.bank.reconciliation.web;

import java.io.IOException;
import java.time.LocalDate;
import java.util.UUID;
import org.fangxin.bank.reconciliation.CertificateView;
import org.fangxin.bank.reconciliation.Reconciliations;
import org.fangxin.bank.reconciliation.RunDetail;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.shared.Rejection;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operators' reconciliation workspace (upload, runs, breaks and their workflow, the day's certificate) and the
 * bank's read-only certificate page. Rejections are shown on the page rather than as problem documents.
 */
@Controller
class ReconciliationPageController {

    static final int RUNS_SHOWN = 20;

    private final Reconciliations reconciliations;
    private final java.time.Clock clock;

    private final org.fangxin.bank.custodian.CustodianBanks custodianBanks;

    ReconciliationPageController(Reconciliations reconciliations, java.time.Clock clock,
                                 org.fangxin.bank.custodian.CustodianBanks custodianBanks) {
        this.custodianBanks = custodianBanks;
        this.reconciliations = reconciliations;
        this.clock = clock;
    }

    @GetMapping("/reconciliation")
    String workspace(Actor actor, @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                     Model model) {
        Reconciliations.requireOperator(actor);
        LocalDate day = date == null ? today() : date;
        model.addAttribute("day", day);
        model.addAttribute("runs", reconciliations.runs(actor, 0, RUNS_SHOWN));
        model.addAttribute("breaks", reconciliations.openBreaks(actor));
        model.addAttribute("certificate", reconciliations.certificate(actor, day));
        model.addAttribute("me", actor.userId());
        return "bank/reconciliation";
    }

    @GetMapping("/reconciliation/certificates")
    String certificates(Actor actor, @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                        @RequestParam(required = false) String bank, Model model) {
        LocalDate day = date == null ? today() : date;
        boolean oneBank = bank != null && !bank.isBlank();
        CertificateView certificate = oneBank ? reconciliations.certificate(actor, day, bank) : reconciliations.certificate(actor, day);
        if (actor.is(Role.OPERATOR)) {  // an operator picks one bank's certificate, or all banks together
            model.addAttribute("custodianBanks", custodianBanks.all());
            model.addAttribute("bank", oneBank ? bank : "");
        }
        model.addAttribute("day", day);
        model.addAttribute("certificate", certificate);
        return "bank/certificates";
    }

    @PostMapping("/reconciliation/statements")
    String upload(Actor actor, @RequestParam(defaultValue = "CAMT053") String format, @RequestParam("file") MultipartFile file,
                  RedirectAttributes redirect) throws IOException {
        Reconciliations.requireOperator(actor);
        try {
            RunDetail run = reconciliations.importStatement(actor, ReconciliationApiController.format(format), file.getBytes(),
                    file.getOriginalFilename());
            redirect.addFlashAttribute("imported", run.run());
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
        }
        return "redirect:/reconciliation";
    }

    @PostMapping("/reconciliation/breaks/{id}/{step}")
    String step(Actor actor, @PathVariable UUID id, @PathVariable String step,
                @RequestParam(required = false) String explanation, @RequestParam(required = false) String correctingTransferId,
                RedirectAttributes redirect) {
        Reconciliations.requireOperator(actor);
        try {
            switch (step) {
                case "assign" -> reconciliations.assign(actor, id, null);
                case "explain" -> reconciliations.explain(actor, id, explanation);
                case "resolve" -> reconciliations.resolve(actor, id, transferId(correctingTransferId));
                case "approve" -> reconciliations.approve(actor, id);
                default -> throw Rejection.notFound("step " + step);
            }
            redirect.addFlashAttribute("done", step);
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
        }
        return "redirect:/reconciliation";
    }

    private static UUID transferId(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid("correctingTransferId", "'" + text + "' is not a transfer id");
        }
    }

    private LocalDate today() {
        return clock.instant().atZone(reconciliations.bankZone()).toLocalDate();
    }
}
