package org.fangxin.protection.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;

/** Parses an amount typed in yuan on a form (5000 or 5000.5; thousands separators allowed) into fen, without floating point. */
public final class YuanInput {

    private static final Pattern YUAN = Pattern.compile("([0-9]{1,9})(?:\\.([0-9]{1,2}))?");

    private YuanInput() {
    }

    public static Money parse(String field, String text) {
        Matcher matcher = YUAN.matcher(text == null ? "" : text.replace(",", "").trim());
        if (!matcher.matches()) {
            throw Rejection.invalid(field, "enter an amount in yuan, e.g. 5000 or 5000.50");
        }
        String fraction = matcher.group(2) == null ? "00" : (matcher.group(2) + "0").substring(0, 2);
        return Money.fen(Long.parseLong(matcher.group(1)) * 100 + Long.parseLong(fraction));
    }
}
