package org.fangxin.bank.format;

import java.time.LocalDate;
import java.util.Objects;
import org.fangxin.shared.Money;

/**
 * One payout or refund the platform asks the bank to make: {@code amount} from {@code debtorAccount} (a custody
 * sub-account) to the creditor. The end-to-end id comes back on the bank's status report and statement line.
 */
public record CreditTransferInstruction(String endToEndId, String debtorAccount, String creditorName, String creditorAccount,
                                        String creditorBankName, Money amount, LocalDate requestedExecutionDate,
                                        String remittanceInfo) {

    /** ISO 20022 Max35Text: the longest end-to-end id a bank must carry. */
    public static final int END_TO_END_ID_LENGTH_MAX = 35;
    /** ISO 20022 Max140Text: names and unstructured remittance information. */
    public static final int TEXT_LENGTH_MAX = 140;

    public CreditTransferInstruction {
        requireText(endToEndId, "endToEndId", END_TO_END_ID_LENGTH_MAX);
        requireText(debtorAccount, "debtorAccount", 34);
        requireText(creditorName, "creditorName", TEXT_LENGTH_MAX);
        requireText(creditorAccount, "creditorAccount", 34);
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(requestedExecutionDate, "requestedExecutionDate");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("amount must be positive: " + amount);
        }
        if (creditorBankName != null && creditorBankName.length() > TEXT_LENGTH_MAX) {
            throw new IllegalArgumentException("creditorBankName longer than " + TEXT_LENGTH_MAX);
        }
        if (remittanceInfo != null && remittanceInfo.length() > TEXT_LENGTH_MAX) {
            throw new IllegalArgumentException("remittanceInfo longer than " + TEXT_LENGTH_MAX);
        }
    }

    static void requireText(String value, String name, int lengthMax) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        if (value.length() > lengthMax) {
            throw new IllegalArgumentException(name + " longer than " + lengthMax + ": " + value);
        }
    }
}
