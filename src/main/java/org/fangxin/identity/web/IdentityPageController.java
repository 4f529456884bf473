package org.fangxin.identity.web;

import java.util.Comparator;
import java.util.List;
import org.fangxin.identity.Actor;
import org.fangxin.shared.MenuEntry;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class IdentityPageController {

    private final List<MenuEntry> menu;

    IdentityPageController(List<MenuEntry> menu) {
        this.menu = menu;
    }

    @GetMapping("/")
    String root(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated() ? "redirect:/home" : "redirect:/login";
    }

    @GetMapping("/login")
    String login() {
        return "identity/login";
    }

    @GetMapping("/home")
    String home(Actor actor, Model model) {
        model.addAttribute("actor", actor);
        model.addAttribute("links", menu.stream()
                .filter(entry -> entry.visibleTo(actor.role().name()))
                .sorted(Comparator.comparingInt(MenuEntry::order))
                .toList());
        return "identity/home";
    }
}
