package org.fangxin.identity.web;

import org.fangxin.identity.Actor;
import org.fangxin.identity.Users;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The consumer's real-name verification page. The ID number typed in is never put back into the page. */
@Controller
class RealNamePageController {

    private final Users users;

    RealNamePageController(Users users) {
        this.users = users;
    }

    @GetMapping("/me/real-name")
    String page(Actor actor, Model model) {
        model.addAttribute("realName", users.realName(actor.userId()).orElse(null));
        return "identity/real-name";
    }

    @PostMapping("/me/real-name")
    String submit(Actor actor, @RequestParam(defaultValue = "") String fullName, @RequestParam(defaultValue = "") String idNumber,
                  @RequestParam(defaultValue = "false") boolean consent, Model model) {
        try {
            users.verifyRealName(actor, fullName, idNumber, consent);
            return "redirect:/me/real-name?verified";
        } catch (Rejection rejection) {
            model.addAttribute("fullName", fullName);
            model.addAttribute("errorKey", "identity.realName.error." + rejection.type().slug()
                    + (rejection.properties().containsKey("field") && "invalid-input".equals(rejection.type().slug())
                    ? "." + rejection.properties().get("field") : ""));
            model.addAttribute("realName", users.realName(actor.userId()).orElse(null));
            return "identity/real-name";
        }
    }
}
