package org.fangxin.oversight.web;

import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.oversight.FilingView;
import org.fangxin.oversight.Filings;
import org.fangxin.shared.Idempotency;
import org.fangxin.shared.Rejection;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Filings (备案): API and pages for the merchant's owner (file) and regulators (acknowledge, ask for corrections). */
@Controller
class FilingController {

    private final Filings filings;
    private final Idempotency idempotency;

    FilingController(Filings filings, Idempotency idempotency) {
        this.filings = filings;
        this.idempotency = idempotency;
    }

    record Answer(@Size(max = 2000) String note) { }

    record Keyed(UUID filingId, String step, Object body) { }

    @GetMapping("/api/v1/oversight/filings")
    @ResponseBody
    List<FilingView> list(Actor actor, @RequestParam(required = false) String status, Locale locale) {
        return filings.list(actor, status, locale);
    }

    @GetMapping("/api/v1/oversight/filings/{id}")
    @ResponseBody
    FilingView view(Actor actor, @PathVariable UUID id, Locale locale) {
        return filings.view(actor, id, locale);
    }

    @PostMapping("/api/v1/oversight/filings/{id}/submission")
    @ResponseBody
    ResponseEntity<Object> submit(Actor actor, @PathVariable UUID id, @RequestBody FilingView.Submission body,
                                  @RequestHeader(name = Idempotency.HEADER, required = false) String key, Locale locale) {
        return idempotency.execute(actor.scope(), key, false, new Keyed(id, "submit", body),
                () -> Idempotency.Answer.of(200, filings.submit(actor, id, body, locale))).toResponse();
    }

    @PostMapping("/api/v1/oversight/filings/{id}/acknowledgement")
    @ResponseBody
    ResponseEntity<Object> acknowledge(Actor actor, @PathVariable UUID id, @RequestBody(required = false) Answer body,
                                       @RequestHeader(name = Idempotency.HEADER, required = false) String key, Locale locale) {
        String note = body == null ? null : body.note();
        return idempotency.execute(actor.scope(), key, false, new Keyed(id, "acknowledge", note),
                () -> Idempotency.Answer.of(200, filings.acknowledge(actor, id, note, locale))).toResponse();
    }

    @PostMapping("/api/v1/oversight/filings/{id}/corrections")
    @ResponseBody
    ResponseEntity<Object> corrections(Actor actor, @PathVariable UUID id, @RequestBody Answer body,
                                       @RequestHeader(name = Idempotency.HEADER, required = false) String key, Locale locale) {
        return idempotency.execute(actor.scope(), key, false, new Keyed(id, "corrections", body.note()),
                () -> Idempotency.Answer.of(200, filings.requestCorrections(actor, id, body.note(), locale))).toResponse();
    }

    @GetMapping("/oversight/filings")
    String page(Actor actor, @RequestParam(required = false) String status, Locale locale, Model model) {
        model.addAttribute("filings", filings.list(actor, status == null || status.isBlank() ? null : status, locale));
        model.addAttribute("merchantSide", actor.role().isMerchantSide());
        model.addAttribute("owner", actor.is(Role.MERCHANT_OWNER));
        model.addAttribute("regulator", actor.is(Role.REGULATOR));
        return "oversight/filings";
    }

    @PostMapping("/oversight/filings/{id}/submission")
    String submitForm(Actor actor, @PathVariable UUID id, FilingView.Submission form, Locale locale, RedirectAttributes flash) {
        return step(flash, () -> filings.submit(actor, id, form, locale));
    }

    @PostMapping("/oversight/filings/{id}/acknowledgement")
    String acknowledgeForm(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String note, Locale locale,
                           RedirectAttributes flash) {
        return step(flash, () -> filings.acknowledge(actor, id, note, locale));
    }

    @PostMapping("/oversight/filings/{id}/corrections")
    String correctionsForm(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String note, Locale locale,
                           RedirectAttributes flash) {
        return step(flash, () -> filings.requestCorrections(actor, id, note, locale));
    }

    private static String step(RedirectAttributes flash, Runnable action) {
        try {
            action.run();
            flash.addFlashAttribute("done", true);
        } catch (Rejection rejection) {
            flash.addFlashAttribute("error", rejection.getLocalizedMessage());
        }
        return "redirect:/oversight/filings";
    }
}
