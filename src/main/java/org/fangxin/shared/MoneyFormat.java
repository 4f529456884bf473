package org.fangxin.shared;

/**
 * The one way to read an amount written as text (a form field, a bank file's column) into minor units: digit by
 * digit, never through floating point, and exact: more decimals than the currency has are refused, never truncated.
 */
public final class MoneyFormat {

    /** Digits accepted before the decimal separator; keeps every amount far inside {@code long}. */
    public static final int INTEGER_DIGITS_MAX = 15;

    private static final int YUAN_DECIMALS = Money.CNY.getDefaultFractionDigits();

    private MoneyFormat() {
    }

    /**
     * Parses text such as {@code "1,234.50"}, {@code "-12.3"}, {@code "+12"} or {@code "1.234,50"} (with decimal
     * separator {@code ','}) into minor units. Grouping separators must separate groups of three digits.
     *
     * @throws IllegalArgumentException naming the problem, e.g. more decimals than the currency has
     */
    public static long parseMinor(String text, char decimalSeparator, int fractionDigits) {
        if (text == null) {
            throw new IllegalArgumentException("amount is missing");
        }
        String s = text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("amount is empty");
        }
        boolean negative = s.charAt(0) == '-';
        int start = negative || s.charAt(0) == '+' ? 1 : 0;
        int separator = s.indexOf(decimalSeparator, start);
        int end = separator < 0 ? s.length() : separator;
        long units = integerPart(text, s.substring(start, end), decimalSeparator == '.' ? ',' : '.');
        int fraction = 0;
        if (separator >= 0) {
            if (separator == s.length() - 1) {
                throw new IllegalArgumentException("amount '" + text + "' ends with the decimal separator");
            }
            for (int i = separator + 1; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    throw new IllegalArgumentException("unexpected character '" + c + "' in amount '" + text + "'");
                }
                if (++fraction > fractionDigits) {
                    throw new IllegalArgumentException("amount '" + text + "' has more than " + fractionDigits + " decimals");
                }
                units = units * 10 + (c - '0');
            }
        }
        for (; fraction < fractionDigits; fraction++) {
            units *= 10;
        }
        return negative ? -units : units;
    }

    /**
     * An amount in yuan typed by a person on a form: {@code 5000}, {@code 5,000.5}, {@code ¥5000.50}; no sign, at most
     * two decimals.
     *
     * @throws Rejection invalid input naming {@code field}
     */
    public static Money parseYuan(String field, String text) {
        String s = text == null ? "" : text.strip();
        if (s.startsWith("¥") || s.startsWith("￥")) {
            s = s.substring(1).strip();
        }
        if (s.isEmpty() || s.charAt(0) == '-' || s.charAt(0) == '+') {
            throw invalidYuan(field, text, "enter an amount in yuan, e.g. 5000 or 5000.50");
        }
        try {
            return Money.fen(parseMinor(s, '.', YUAN_DECIMALS));
        } catch (IllegalArgumentException e) {
            throw invalidYuan(field, text, e.getMessage());
        }
    }

    /** {@link #parseYuan} for an optional field: blank means no amount ({@code null}). */
    public static Money parseOptionalYuan(String field, String text) {
        return text == null || text.isBlank() ? null : parseYuan(field, text);
    }

    private static Rejection invalidYuan(String field, String text, String problem) {
        return Rejection.invalid(field, field + ": '" + (text == null ? "" : text.strip())
                + "' is not an amount in yuan with at most two decimals (" + problem + ")");
    }

    /** The digits before the decimal separator, with optional grouping separators between groups of three. */
    private static long integerPart(String text, String digits, char grouping) {
        if (digits.isEmpty()) {
            throw new IllegalArgumentException("amount '" + text + "' has no digits before the decimal separator");
        }
        long units = 0;
        int integerDigits = 0;
        int digitsInGroup = 0;
        boolean grouped = false;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c == grouping) {
                if (integerDigits == 0 || (grouped && digitsInGroup != 3) || (!grouped && digitsInGroup > 3)) {
                    throw new IllegalArgumentException("misplaced grouping separator in amount '" + text + "'");
                }
                grouped = true;
                digitsInGroup = 0;
            } else if (c >= '0' && c <= '9') {
                if (++integerDigits > INTEGER_DIGITS_MAX) {
                    throw new IllegalArgumentException("amount '" + text + "' is too large");
                }
                units = units * 10 + (c - '0');
                digitsInGroup++;
            } else {
                throw new IllegalArgumentException("unexpected character '" + c + "' in amount '" + text + "'");
            }
        }
        if (integerDigits == 0) {
            throw new IllegalArgumentException("amount '" + text + "' has no digits before the decimal separator");
        }
        if (grouped && digitsInGroup != 3) {
            throw new IllegalArgumentException("misplaced grouping separator in amount '" + text + "'");
        }
        return units;
    }
}
