package org.fangxin.shared;

import java.util.List;

/**
 * A module's links on the home page: each module declares one {@code Menu} bean listing its entries, so a module's
 * menu is read in one place and adding a page adds one line.
 */
public record Menu(List<MenuEntry> entries) {

    public Menu {
        entries = List.copyOf(entries);
    }

    public static Menu of(MenuEntry... entries) {
        return new Menu(List.of(entries));
    }
}
