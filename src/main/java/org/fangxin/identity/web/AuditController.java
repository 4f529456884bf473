package org.fangxin.identity.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.fangxin.identity.Actor;
import org.fangxin.identity.AuditLog;
import org.fangxin.shared.AuditChain;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.Rejection;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The audit trail for operators and regulators: JSON under /api/v1/audit, the /audit page (filters by actor, action,
 * object and days in Asia/Shanghai; readable summaries; pages of {@value #PAGE_ROWS}), CSV export of what a filter
 * selects, and the hash chain's verification. Reading never writes an audit entry.
 */
@Controller
class AuditController {

    static final int PAGE_ROWS = 50;

    private final AuditLog audit;
    private final AuditRows rows;
    private final MessageSource messages;

    AuditController(AuditLog audit, AuditRows rows, MessageSource messages) {
        this.audit = audit;
        this.rows = rows;
        this.messages = messages;
    }

    /** Filter parameters shared by the API, the page and the export. */
    record FilterForm(String actor, String action, String objectType, String objectId,
                      @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                      @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        AuditLog.Filter filter() {
            return new AuditLog.Filter(actor, action, objectType, objectId, from, to);
        }
    }

    @GetMapping("/api/v1/audit")
    @ResponseBody
    List<AuditTrail.Entry> history(Actor actor, @ModelAttribute FilterForm form, @RequestParam(defaultValue = "0") int page,
                                   @RequestParam(defaultValue = "50") int limit) {
        return audit.search(actor, form.filter(), page, limit).items();
    }

    @GetMapping({"/api/v1/audit/export", "/audit/export.csv"})
    void export(Actor actor, @ModelAttribute FilterForm form, HttpServletResponse response) throws IOException {
        Locale locale = LocaleContextHolder.getLocale();
        audit.search(actor, form.filter(), 0, 1);  // checks the caller and the filter before the answer starts
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit.csv\"");
        PrintWriter out = new PrintWriter(response.getOutputStream(), false, StandardCharsets.UTF_8);
        out.print('\uFEFF');  // a byte-order mark, so spreadsheet programs read the Chinese text as UTF-8
        out.print(messages.getMessage("audit.csv.header", null, locale));
        out.print("\r\n");
        audit.export(actor, form.filter(), entry -> {
            AuditRows.Row row = rows.row(entry, audit.zone(), locale);
            out.print(String.join(",", csv(row.time()), csv(row.actor()), csv(row.action()), csv(row.actionCode()),
                    csv(row.objectType()), csv(row.objectId()), csv(row.changesText()), csv(row.requestId()),
                    row.chainPosition() == null ? "" : row.chainPosition().toString(), csv(row.hash())));
            out.print("\r\n");
            if (out.checkError()) {
                throw new UncheckedIOException(new IOException("the client stopped reading the export"));
            }
        });
        out.flush();
    }

    @PostMapping("/api/v1/audit/verifications")
    @ResponseBody
    AuditChain.Verification verify(Actor actor) {
        return audit.verifyChain(actor);
    }

    @GetMapping("/api/v1/audit/verifications/latest")
    @ResponseBody
    ResponseEntity<AuditChain.Verification> latest(Actor actor) {
        return audit.latestVerification(actor).map(ResponseEntity::ok)
                .orElseThrow(() -> Rejection.notFound("audit verification"));
    }

    @GetMapping("/audit")
    String page(Actor actor, @ModelAttribute("filter") FilterForm form, @RequestParam(defaultValue = "0") int page, Model model) {
        Locale locale = LocaleContextHolder.getLocale();
        try {
            AuditLog.Page found = audit.search(actor, form.filter(), page, PAGE_ROWS);
            model.addAttribute("rows", found.items().stream().map(entry -> rows.row(entry, audit.zone(), locale)).toList());
            model.addAttribute("page", found.page());
            model.addAttribute("hasMore", found.hasMore());
            AuditChain.Verification verification = audit.latestVerification(actor).orElse(null);
            model.addAttribute("verification", verification);
            model.addAttribute("verificationTime", verification == null ? ""
                    : AuditRows.TIME.format(verification.checkedAt().atZone(audit.zone())));
        } catch (Rejection rejection) {
            model.addAttribute("error", rejection.getLocalizedMessage());
            model.addAttribute("rows", List.of());
            model.addAttribute("page", 0);
            model.addAttribute("hasMore", false);
        }
        model.addAttribute("canVerify", actor.is(org.fangxin.identity.Role.OPERATOR));
        return "identity/audit";
    }

    @PostMapping("/audit/verify")
    String verifyFromPage(Actor actor, RedirectAttributes redirect) {
        try {
            audit.verifyChain(actor);
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
        }
        return "redirect:/audit";
    }

    /** A CSV field, quoted when it holds a comma, quote or line break; a leading formula character is neutralised. */
    static String csv(String value) {
        if (value == null) {
            return "";
        }
        String text = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
