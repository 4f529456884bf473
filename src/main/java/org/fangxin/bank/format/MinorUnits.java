package org.fangxin.bank.format;

import java.math.BigDecimal;
import java.util.Currency;
import org.fangxin.shared.Money;

/**
 * Conversion between the decimal text of bank files and integer minor units (fen). The text is parsed digit by digit,
 * never through floating point; BigDecimal appears only where a message library wants one.
 */
public final class MinorUnits {

    /** Digits accepted before the decimal separator; keeps every amount far inside {@code long}. */
    static final int INTEGER_DIGITS_MAX = 15;

    private MinorUnits() {
    }

    /**
     * Parses text such as {@code "1,234.50"}, {@code "-12.3"}, {@code "+12"} or {@code "1.234,50"} (with decimal
     * separator {@code ','}) into minor units. Grouping separators must separate groups of three digits.
     *
     * @throws IllegalArgumentException naming the problem, e.g. more decimals than the currency has
     */
    public static long parse(String text, char decimalSeparator, int fractionDigits) {
        if (text == null) {
            throw new IllegalArgumentException("amount is missing");
        }
        String s = text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("amount is empty");
        }
        char grouping = decimalSeparator == '.' ? ',' : '.';
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        long units = 0;
        int integerDigits = 0;
        int digitsInGroup = 0;
        boolean grouped = false;
        for (; i < s.length() && s.charAt(i) != decimalSeparator; i++) {
            char c = s.charAt(i);
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
        int fraction = 0;
        if (i < s.length()) {
            i++; // the decimal separator
            if (i == s.length()) {
                throw new IllegalArgumentException("amount '" + text + "' ends with the decimal separator");
            }
            for (; i < s.length(); i++) {
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

    /** Minor units of a decimal amount from a message model; more decimals than the currency allows is an error. */
    public static long of(BigDecimal amount, Currency currency) {
        try {
            return amount.movePointRight(currency.getDefaultFractionDigits()).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount " + amount.toPlainString() + " has more than "
                    + currency.getDefaultFractionDigits() + " decimals for " + currency.getCurrencyCode());
        }
    }

    /** The decimal form a message model wants, e.g. 12345 fen to {@code 123.45}. */
    public static BigDecimal toDecimal(Money money) {
        return BigDecimal.valueOf(money.amountMinor(), money.currency().getDefaultFractionDigits());
    }
}
