package org.fangxin.identity.web;

import java.util.Comparator;
import java.util.List;
import org.fangxin.identity.Actor;
import org.fangxin.shared.Menu;
import org.fangxin.shared.MenuEntry;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class IdentityPageController {

    private final List<MenuEntry> menu;
    private final List<MenuEntry.Filter> filters;

    IdentityPageController(List<Menu> menus, List<MenuEntry.Filter> filters) {
        this.menu = menus.stream().flatMap(m -> m.entries().stream()).toList();
        this.filters = filters;
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
                .filter(entry -> !actor.scoped() || !entry.href().equals("/audit"))  // AuditLog refuses scoped readers
                .filter(entry -> filters.stream().allMatch(f -> f.shows(entry, actor.role().name(), actor.merchantId())))
                .sorted(Comparator.comparingInt(MenuEntry::order))
                .toList());
        return "identity/home";
    }
}
