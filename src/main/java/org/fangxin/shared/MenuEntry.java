package org.fangxin.shared;

import java.util.List;

/**
 * A link on the home page, declared as a bean by the module that owns the page. {@code roles} are role names
 * (as in identity's Role) that see the link; {@code labelKey} is a message key.
 */
public record MenuEntry(String href, String labelKey, List<String> roles, int order) {

    public MenuEntry {
        roles = List.copyOf(roles);
    }

    public boolean visibleTo(String role) {
        return roles.contains(role);
    }
}
