package org.fangxin.identity;

import java.util.List;
import java.util.Locale;

/**
 * What a regulator or consumer association account may be limited to, by name: the regions of the hierarchy and the
 * sectors. Identity knows scopes only as codes; the module that owns regions and sectors answers this (a service
 * provider interface, so identity depends on nobody).
 */
public interface AccountScopes {

    /** One choice: the stored code and the name a person reads. */
    record Choice(String code, String name) { }

    /** Every region an account may be limited to, most general first, with full names in {@code locale}. */
    List<Choice> regions(Locale locale);

    /** Every sector, named in {@code locale}. */
    List<Choice> sectors(Locale locale);

    /** The full name of a region code, or the code when nobody names it. */
    String regionName(String code, Locale locale);
}
