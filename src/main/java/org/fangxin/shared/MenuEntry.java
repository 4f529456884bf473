package org.fangxin.shared;

import java.util.List;

/**
 * A link on the home page, declared as a bean by the module that owns the page. {@code roles} are role names
 * (as in identity's Role) that see the link; {@code labelKey} is a message key. {@code forApplicants}: also shown to
 * the people of a merchant whose application is not approved (most merchant pages have nothing to show them yet).
 */
public record MenuEntry(String href, String labelKey, List<String> roles, int order, boolean forApplicants) {

    public MenuEntry {
        roles = List.copyOf(roles);
    }

    public MenuEntry(String href, String labelKey, List<String> roles, int order) {
        this(href, labelKey, roles, order, false);
    }

    public boolean visibleTo(String role) {
        return roles.contains(role);
    }

    /** Hides menu entries from some people (e.g. an applicant merchant's); every filter must agree to show one. */
    public interface Filter {
        boolean shows(MenuEntry entry, String role, java.util.UUID merchantId);
    }
}
