package org.fangxin.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * China's 6-digit administrative division codes (GB/T 2260): {@code 11xxxx} is a province, {@code 1101xx} a city,
 * {@code 110105} a district. A district inherits the rules of its city and province.
 */
public final class RegionCodes {

    private static final Pattern CODE = Pattern.compile("[1-9][0-9]{5}");

    private RegionCodes() {
    }

    public static boolean isValid(String code) {
        return code != null && (RuleRow.ANY.equals(code) || CODE.matcher(code).matches());
    }

    /** The region and its enclosing regions, most general first (without {@code *}). */
    public static List<String> lineage(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            return List.of();
        }
        List<String> result = new ArrayList<>(3);
        add(result, code.substring(0, 2) + "0000");
        add(result, code.substring(0, 4) + "00");
        add(result, code);
        return result;
    }

    static int level(String code) {
        if (code.endsWith("0000")) {
            return 1;
        }
        return code.endsWith("00") ? 2 : 3;
    }

    private static void add(List<String> list, String code) {
        if (!list.contains(code)) {
            list.add(code);
        }
    }
}
