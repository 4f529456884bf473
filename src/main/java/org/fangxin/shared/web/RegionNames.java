package org.fangxin.shared.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.fangxin.shared.RegionCode;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The one rule for showing a region (issue 11): its FULL name from the hierarchy, each level named by the bundle
 * {@code region.<code>}: 河南省 开封市 鼓楼区 in Chinese (most general first, spaces); in English the most specific
 * first, separated by commas (Gulou District / Kaifeng / Henan). A level without a name is left out; a code no level names is shown as
 * itself. Templates call the bean regionNames (full of a code); a drill-down table below a named parent may show a
 * child's own name ({@link #own}).
 */
@Component("regionNames")
public class RegionNames {

    private final MessageSource messages;

    RegionNames(MessageSource messages) {
        this.messages = messages;
    }

    /** The full name in the request's language. */
    public String full(String code) {
        return full(code, LocaleContextHolder.getLocale());
    }

    public String full(String code, Locale locale) {
        return join(code, locale, c -> messages.getMessage("region." + c, null, null, locale));
    }

    /** The region's own name (one level), or the code. */
    public String own(String code) {
        Locale locale = LocaleContextHolder.getLocale();
        return code == null ? "" : messages.getMessage("region." + code.trim(), null, code.trim(), locale);
    }

    /** The full name of {@code code} from the names {@code nameOf} gives each level (null: unnamed, left out). */
    public static String join(String code, Locale locale, Function<String, String> nameOf) {
        if (code == null) {
            return "";
        }
        String trimmed = code.trim();
        if (!RegionCode.isValid(trimmed)) {
            return trimmed;
        }
        List<String> names = new ArrayList<>();
        for (String level : RegionCode.lineage(trimmed)) {
            String name = nameOf.apply(level);
            if (name != null && !name.isBlank()) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            return trimmed;
        }
        boolean english = locale != null && "en".equals(locale.getLanguage());
        if (english) {
            Collections.reverse(names);
            return String.join(", ", names);
        }
        return String.join(" ", names);
    }
}
