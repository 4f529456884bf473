package org.fangxin.identity.web;

import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.MerchantStaff;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The merchant owner's staff page. */
@Controller
class StaffPageController {

    private final MerchantStaff staff;

    StaffPageController(MerchantStaff staff) {
        this.staff = staff;
    }

    @GetMapping("/merchant-staff")
    String page(Actor actor, Model model) {
        model.addAttribute("staff", staff.list(actor));
        return "identity/merchant-staff";
    }

    @PostMapping("/merchant-staff")
    String create(Actor actor, @RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
                  @RequestParam(defaultValue = "") String displayName, RedirectAttributes redirect) {
        try {
            var created = staff.create(actor, username, password, displayName);
            redirect.addFlashAttribute("created", created.username());
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
            redirect.addFlashAttribute("username", username);
            redirect.addFlashAttribute("displayName", displayName);
        }
        return "redirect:/merchant-staff";
    }

    @PostMapping("/merchant-staff/{id}/disable")
    String disable(Actor actor, @PathVariable UUID id) {
        staff.disable(actor, id);
        return "redirect:/merchant-staff";
    }

    @PostMapping("/merchant-staff/{id}/enable")
    String enable(Actor actor, @PathVariable UUID id) {
        staff.enable(actor, id);
        return "redirect:/merchant-staff";
    }
}
