package org.fangxin.bank.format;

import java.math.BigDecimal;
import java.util.Currency;
import org.fangxin.shared.Money;
import org.fangxin.shared.MoneyFormat;

/**
 * Conversion between the decimals of the ISO 20022 message model and integer minor units (fen); BigDecimal appears
 * only because the message library wants one. Decimal text (CSV statements) is read by {@link MoneyFormat}.
 */
public final class MinorUnits {

    private MinorUnits() {
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
