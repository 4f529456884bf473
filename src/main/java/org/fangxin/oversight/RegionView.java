package org.fangxin.oversight;

import java.util.Locale;

/** A region of the GB/T 2260 hierarchy with its Chinese and English names; {@code parent} is null for a province. */
public record RegionView(String code, String parent, String level, String nameZh, String nameEn) {

    /** The whole country: the root above the provinces (not a GB/T 2260 code). */
    public static final String COUNTRY = "000000";

    public String name(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameZh;
    }
}
