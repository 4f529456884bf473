package org.fangxin.bank;

import java.util.Objects;
import java.util.regex.Pattern;
import org.fangxin.shared.Money;

/**
 * A credit transfer from a merchant's escrow sub-account to the merchant's settlement account. The end-to-end id
 * follows ISO 20022 (at most 35 characters) and is unique per payout; {@code debtorAccount} names the escrow
 * sub-account, {@code remittanceInformation} is what the merchant reads on its statement.
 */
public record PayoutInstruction(String endToEndId, String debtorAccount, String creditorName, String creditorBank,
                                String creditorAccount, Money amount, String remittanceInformation) {

    public static final int END_TO_END_ID_LENGTH_MAX = 35;
    private static final Pattern END_TO_END_ID = Pattern.compile("[A-Za-z0-9-]{1," + END_TO_END_ID_LENGTH_MAX + "}");
    private static final Pattern ACCOUNT_NUMBER = Pattern.compile("[0-9]{8,32}");

    public PayoutInstruction {
        Objects.requireNonNull(endToEndId, "endToEndId");
        Objects.requireNonNull(amount, "amount");
        if (!END_TO_END_ID.matcher(endToEndId).matches()) {
            throw new IllegalArgumentException("end-to-end id must be 1 to 35 letters, digits or '-': " + endToEndId);
        }
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a payout amount is positive: " + amount);
        }
        if (creditorAccount == null || !ACCOUNT_NUMBER.matcher(creditorAccount).matches()) {
            throw new IllegalArgumentException("creditor account must be 8 to 32 digits");
        }
        requireText(debtorAccount, "debtorAccount");
        requireText(creditorName, "creditorName");
        requireText(creditorBank, "creditorBank");
        requireText(remittanceInformation, "remittanceInformation");
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank() || value.length() > 140) {
            throw new IllegalArgumentException(name + " must be 1 to 140 characters");
        }
    }
}
