package org.fangxin.shared;

import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import com.fasterxml.jackson.annotation.JsonIgnore;

/** An amount in one currency, counted in its minor unit (fen for CNY). Arithmetic never rounds silently. */
public record Money(long amountMinor, Currency currency) implements Comparable<Money> {

    public static final Currency CNY = Currency.getInstance("CNY");

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException("no minor unit: " + currency);
        }
    }

    public static Money fen(long fen) {
        return new Money(fen, CNY);
    }

    public static Money yuan(long yuan) {
        return new Money(Math.multiplyExact(yuan, 100L), CNY);
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(amountMinor, same(other).amountMinor), currency);
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(amountMinor, same(other).amountMinor), currency);
    }

    public Money times(long factor) {
        return new Money(Math.multiplyExact(amountMinor, factor), currency);
    }

    public Money negate() {
        return new Money(Math.negateExact(amountMinor), currency);
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public Money max(Money other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /** This amount times numerator/denominator, rounded as asked; the product is computed exactly. */
    public Money fraction(long numerator, long denominator, RoundingMode rounding) {
        if (denominator <= 0 || numerator < 0) {
            throw new IllegalArgumentException("fraction " + numerator + "/" + denominator);
        }
        long product = Math.multiplyExact(amountMinor, numerator);
        long quotient = Math.floorDiv(product, denominator);
        long remainder = Math.floorMod(product, denominator);
        if (remainder == 0) {
            return new Money(quotient, currency);
        }
        return switch (rounding) {
            case FLOOR, DOWN -> new Money(quotient, currency);
            case CEILING, UP -> new Money(quotient + 1, currency);
            case HALF_UP, HALF_EVEN, HALF_DOWN -> new Money(remainder * 2 >= denominator ? quotient + 1 : quotient, currency);
            case UNNECESSARY -> throw new ArithmeticException("inexact fraction " + numerator + "/" + denominator);
        };
    }

    /** Splits into shares that differ by at most one minor unit; the first shares take the remainder. */
    public List<Money> allocate(int shares) {
        if (shares <= 0) {
            throw new IllegalArgumentException("shares must be positive: " + shares);
        }
        long base = Math.floorDiv(amountMinor, shares);
        long remainder = Math.floorMod(amountMinor, shares);
        List<Money> parts = new ArrayList<>(shares);
        for (int i = 0; i < shares; i++) {
            parts.add(new Money(base + (i < remainder ? 1 : 0), currency));
        }
        return parts;
    }

    @JsonIgnore
    public boolean isZero() {
        return amountMinor == 0;
    }

    @JsonIgnore
    public boolean isPositive() {
        return amountMinor > 0;
    }

    @JsonIgnore
    public boolean isNegative() {
        return amountMinor < 0;
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(amountMinor, same(other).amountMinor);
    }

    /** Human form such as {@code ¥1,600.00}; for pages and messages, never for storage. */
    @JsonIgnore
    public String format() {
        return format(Locale.getDefault(Locale.Category.FORMAT));
    }

    /**
     * {@link #format()} as {@code String.format} gives it in {@code locale}; built by hand where the locale groups by
     * ',' in threes with ASCII digits (issue 15: String.format was 3% of a purchase's request CPU), by Formatter elsewhere.
     */
    String format(Locale locale) {
        int digits = currency.getDefaultFractionDigits();
        long unit = (long) Math.pow(10, digits);
        long whole = Math.abs(amountMinor) / unit;
        long minor = Math.abs(amountMinor) % unit;
        String sign = amountMinor < 0 ? "-" : "";
        String symbol = currency.equals(CNY) ? "¥" : currency.getCurrencyCode() + " ";
        if (amountMinor == Long.MIN_VALUE || !groupsInThrees(locale)) {
            return digits == 0
                    ? sign + symbol + String.format(locale, "%,d", whole)
                    : sign + symbol + String.format(locale, "%,d.%0" + digits + "d", whole, minor);
        }
        StringBuilder text = new StringBuilder(24).append(sign).append(symbol);
        String wholeDigits = Long.toString(whole);
        int lead = wholeDigits.length() % 3 == 0 ? 3 : wholeDigits.length() % 3;
        text.append(wholeDigits, 0, lead);
        for (int i = lead; i < wholeDigits.length(); i += 3) {
            text.append(',').append(wholeDigits, i, i + 3);
        }
        if (digits > 0) {
            String minorDigits = Long.toString(minor);
            text.append('.').append("0".repeat(digits - minorDigits.length())).append(minorDigits);
        }
        return text.toString();
    }

    /** The last locale found to group as the hand-built format does (Formatter's %,d: separator, size, zero digit). */
    private static volatile Locale plainLocale = Locale.US;

    private static boolean groupsInThrees(Locale locale) {
        if (locale.equals(plainLocale)) {
            return true;
        }
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
        boolean plain = symbols.getGroupingSeparator() == ',' && symbols.getZeroDigit() == '0'
                && NumberFormat.getNumberInstance(locale) instanceof DecimalFormat decimal
                && decimal.isGroupingUsed() && decimal.getGroupingSize() == 3;
        if (plain) {
            plainLocale = locale;
        }
        return plain;
    }

    @Override
    public String toString() {
        return amountMinor + " " + currency.getCurrencyCode() + " minor";
    }

    private Money same(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " vs " + other.currency);
        }
        return other;
    }
}
