package org.fangxin.identity.web;

import java.util.List;
import org.fangxin.identity.Actor;
import org.fangxin.identity.AuditLog;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The audit trail for operators and regulators: JSON under /api/v1/audit and the /audit page. */
@Controller
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/audit")
    @ResponseBody
    List<AuditTrail.Entry> history(Actor actor, @RequestParam(required = false) String objectType,
                                   @RequestParam(required = false) String objectId, @RequestParam(defaultValue = "50") int limit) {
        return audit.history(actor, objectType, objectId, limit);
    }

    @GetMapping("/audit")
    String page(Actor actor, @RequestParam(required = false) String objectType, @RequestParam(required = false) String objectId,
                Model model) {
        model.addAttribute("objectType", objectType == null ? "" : objectType);
        model.addAttribute("objectId", objectId == null ? "" : objectId);
        try {
            model.addAttribute("entries", audit.history(actor, objectType, objectId, 100));
        } catch (Rejection rejection) {
            model.addAttribute("error", rejection.getLocalizedMessage());
            model.addAttribute("entries", List.of());
        }
        return "identity/audit";
    }
}
