package org.fangxin.identity;

import java.util.regex.Pattern;

/** Mainland China mobile numbers: 11 digits, {@code 1[3-9]} then nine more. */
final class Mobiles {

    static final Pattern FORMAT = Pattern.compile("1[3-9]\\d{9}");

    private Mobiles() {
    }

    static boolean valid(String mobile) {
        return mobile != null && FORMAT.matcher(mobile).matches();
    }

    /** For audit entries and logs: {@code 138****5678}. */
    static String mask(String mobile) {
        return mobile == null || mobile.length() != 11 ? "***" : mobile.substring(0, 3) + "****" + mobile.substring(7);
    }
}
