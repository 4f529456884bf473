package org.fangxin.identity.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fangxin.identity.AccountScopes;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator's page for platform accounts (operators, banks, insurers, regulators, consumer associations, data
 * providers): the list with each account's scope by name, and the form that {@code POST /api/v1/identity/users} also
 * serves. Access is checked by {@link Users}, as for the API.
 */
@Controller
class PlatformUsersPageController {

    static final List<Role> ROLES = List.of(Role.REGULATOR, Role.ASSOCIATION, Role.BANK, Role.INSURER,
            Role.DATA_PROVIDER, Role.OPERATOR);

    private final Users users;
    private final AccountScopes scopes;

    PlatformUsersPageController(Users users, AccountScopes scopes) {
        this.users = users;
        this.scopes = scopes;
    }

    /** An account as listed: its region and sector by name (blank when not limited). */
    record Row(UserAccount account, String regionName, String sectorName) { }

    @GetMapping("/identity/users")
    String list(Actor actor, Locale locale, Model model) {
        List<AccountScopes.Choice> sectors = scopes.sectors(locale);
        List<Row> rows = new ArrayList<>();
        for (Role role : ROLES) {
            for (UserAccount account : users.list(actor, role)) {
                String sector = sectors.stream().filter(s -> s.code().equals(account.sector()))
                        .map(AccountScopes.Choice::name).findFirst().orElse(account.sector());
                rows.add(new Row(account, account.regionCode() == null ? null
                        : scopes.regionName(account.regionCode(), locale), sector));
            }
        }
        model.addAttribute("rows", rows);
        model.addAttribute("roles", ROLES);
        model.addAttribute("regions", scopes.regions(locale));
        model.addAttribute("sectors", sectors);
        return "identity/users";
    }

    @PostMapping("/identity/users")
    String create(Actor actor, @RequestParam String username, @RequestParam(defaultValue = "") String displayName,
                  @RequestParam String password, @RequestParam Role role,
                  @RequestParam(defaultValue = "") String regionCode, @RequestParam(defaultValue = "") String sector,
                  RedirectAttributes redirect) {
        try {
            UserAccount created = users.createPlatformUser(actor, username, password,
                    displayName.isBlank() ? null : displayName.trim(), role, blankToNull(sector), blankToNull(regionCode));
            redirect.addFlashAttribute("created", created.username());
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
            redirect.addFlashAttribute("username", username);
            redirect.addFlashAttribute("displayName", displayName);
        }
        return "redirect:/identity/users";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
