package org.fangxin.identity.web;

import org.fangxin.identity.Actor;
import org.fangxin.identity.SmsOutbox;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Operator pages of identity; the security chain admits only operators, the facades check again. */
@Controller
class IdentityAdminPageController {

    private final SmsOutbox outbox;

    IdentityAdminPageController(SmsOutbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/identity/sms-outbox")
    String smsOutbox(Actor actor, @RequestParam(required = false) String mobile, Model model) {
        model.addAttribute("mobile", mobile == null ? "" : mobile);
        model.addAttribute("messages", outbox.recent(actor, mobile, 100));
        return "identity/sms-outbox";
    }
}
