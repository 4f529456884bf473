package org.fangxin.identity;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masking of personal data in lists and exports that do not need it in full (PIPL: minimum necessary): mobile
 * numbers keep their first three and last four digits ({@code 138****5678}), names their first character
 * ({@code 张*}, {@code 欧**}), and any mobile number inside free text is masked wherever it appears (a consumer's
 * username is {@code m} + the mobile number).
 */
public final class PersonalData {

    private static final Pattern MOBILE_IN_TEXT = Pattern.compile("(?<![0-9])(1[3-9][0-9])([0-9]{4})([0-9]{4})(?![0-9])");

    private PersonalData() {
    }

    /** {@code 13812345678} → {@code 138****5678}; anything that is not an 11-digit number → {@code ***}. */
    public static String maskMobile(String mobile) {
        return Mobiles.mask(mobile);
    }

    /** {@code 张三} → {@code 张*}; {@code Zhang San} → {@code Z********}; null stays null. */
    public static String maskName(String name) {
        if (name == null || name.isBlank()) {
            return name;
        }
        String trimmed = name.trim();
        int first = trimmed.offsetByCodePoints(0, 1);
        return trimmed.substring(0, first) + "*".repeat(Math.max(1, trimmed.codePointCount(first, trimmed.length())));
    }

    /** Every mainland mobile number inside the text masked; the rest unchanged. */
    public static String maskMobilesIn(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = MOBILE_IN_TEXT.matcher(text);
        return matcher.replaceAll("$1****$3");
    }
}
