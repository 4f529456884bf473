package org.fangxin.identity.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.ApiKeys;
import org.fangxin.identity.Role;
import org.fangxin.identity.SmsOutbox;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.shared.Rejection;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Operator pages of identity; the security chain admits only operators, the facades check again. */
@Controller
class IdentityAdminPageController {

    private final SmsOutbox outbox;
    private final ApiKeys keys;
    private final Users users;

    IdentityAdminPageController(SmsOutbox outbox, ApiKeys keys, Users users) {
        this.outbox = outbox;
        this.keys = keys;
        this.users = users;
    }

    @GetMapping("/identity/api-keys")
    String apiKeys(Actor actor, Model model) {
        List<UserAccount> systemUsers = new ArrayList<>(users.list(actor, Role.BANK));
        systemUsers.addAll(users.list(actor, Role.INSURER));
        systemUsers.addAll(users.list(actor, Role.DATA_PROVIDER));
        systemUsers.addAll(users.list(actor, Role.REGULATOR));
        model.addAttribute("systemUsers", systemUsers);
        model.addAttribute("keys", keys.list(actor));
        return "identity/api-keys";
    }

    @PostMapping("/identity/api-keys")
    String createApiKey(Actor actor, @RequestParam UUID userId, @RequestParam(defaultValue = "") String label,
                        RedirectAttributes redirect) {
        try {
            var created = keys.create(actor, userId, label);
            // Flash attributes live in the session only until the next page shows them once.
            redirect.addFlashAttribute("createdKey", created.key());
            redirect.addFlashAttribute("createdPrefix", created.apiKey().prefix());
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
        }
        return "redirect:/identity/api-keys";
    }

    @PostMapping("/identity/api-keys/{id}/revoke")
    String revokeApiKey(Actor actor, @PathVariable UUID id) {
        keys.revoke(actor, id);
        return "redirect:/identity/api-keys";
    }

    @GetMapping("/identity/sms-outbox")
    String smsOutbox(Actor actor, @RequestParam(required = false) String mobile, Model model) {
        model.addAttribute("mobile", mobile == null ? "" : mobile);
        model.addAttribute("messages", outbox.recent(actor, mobile, 100));
        return "identity/sms-outbox";
    }
}
