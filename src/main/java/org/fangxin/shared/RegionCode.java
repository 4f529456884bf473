package org.fangxin.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * China's 6-digit administrative division codes (GB/T 2260) and how they nest: {@code 410000} is a province (Henan),
 * {@code 410200} a city in it (Kaifeng), {@code 410204} a district of that city (Gulou). A code lies within another
 * when it starts with that code's significant digits (2 for a province, 4 for a city, all 6 for a district), so a
 * scope on a province covers its cities and districts. The four municipalities (Beijing 11, Tianjin 12, Shanghai 31,
 * Chongqing 50) are provinces whose districts sit directly below them: their {@code xx0100} "市辖区" code is skipped
 * in a lineage. Pure functions; the names live in the message bundle {@code i18n/regions} ({@code region.<code>}).
 */
public final class RegionCode {

    /** How deep a code sits in the hierarchy. */
    public enum Level { PROVINCE, CITY, DISTRICT }

    private static final Pattern CODE = Pattern.compile("[1-9][0-9]{5}");
    private static final java.util.Set<String> MUNICIPALITIES = java.util.Set.of("11", "12", "31", "50");

    private RegionCode() {
    }

    public static boolean isValid(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    public static Level level(String code) {
        requireValid(code);
        if (code.endsWith("0000")) {
            return Level.PROVINCE;
        }
        return code.endsWith("00") ? Level.CITY : Level.DISTRICT;
    }

    /** The significant digits: {@code 41} for Henan, {@code 4102} for Kaifeng, {@code 410204} for Gulou. */
    public static String prefix(String code) {
        return switch (level(code)) {
            case PROVINCE -> code.substring(0, 2);
            case CITY -> code.substring(0, 4);
            case DISTRICT -> code;
        };
    }

    /** True when {@code code} is {@code scope} or lies below it; a null scope (nationwide) covers every code. */
    public static boolean within(String code, String scope) {
        if (scope == null) {
            return true;
        }
        return isValid(code) && code.startsWith(prefix(scope));
    }

    /** The province of a code ({@code 410000} for {@code 410204}). */
    public static String province(String code) {
        requireValid(code);
        return code.substring(0, 2) + "0000";
    }

    /**
     * The city of a code ({@code 410200} for {@code 410204}); the province's own code for a province and for anything
     * in a municipality ({@code 110000} for {@code 110105}).
     */
    public static String city(String code) {
        requireValid(code);
        if (level(code) == Level.PROVINCE || MUNICIPALITIES.contains(code.substring(0, 2))) {
            return province(code);
        }
        return code.substring(0, 4) + "00";
    }

    /** The code and the codes above it, most general first, without repeats ({@code 410000, 410200, 410204}). */
    public static List<String> lineage(String code) {
        requireValid(code);
        List<String> codes = new ArrayList<>(3);
        for (String candidate : List.of(province(code), city(code), code)) {
            if (!codes.contains(candidate)) {
                codes.add(candidate);
            }
        }
        return codes;
    }

    private static void requireValid(String code) {
        if (!isValid(code)) {
            throw new IllegalArgumentException("not a 6-digit GB/T 2260 region code: " + code);
        }
    }
}
