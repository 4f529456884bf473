package org.fangxin.bank.format;

import java.util.regex.Pattern;
import org.fangxin.ledger.TransferId;

/**
 * The short, stable reference (ISO 20022 end-to-end id, Max35Text) under which the bank reports a ledger movement, so
 * that reconciliation pairs a statement line with its movement by id rather than by amount: a payout is {@code FX} +
 * its payout id (what settlement sends in pain.001), a posting key that already is a valid end-to-end id travels as is,
 * and every other movement (escrow funding, refunds, compensation…, whose keys are longer than 35 characters) is
 * {@code FT} + its ledger transfer id without dashes (34 characters, unique per movement of an account).
 */
public final class BankReferences {

    public static final String PAYOUT_CONFIRMED = "payout-confirmed:";
    /** ISO 20022 Max35Text with the characters pain.001 allows. */
    public static final Pattern END_TO_END_ID = Pattern.compile("[A-Za-z0-9:-]{1,35}");
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f-]{36}");

    private BankReferences() {
    }

    public static String of(String postingKey, TransferId transfer) {
        String fromKey = fromPostingKey(postingKey);
        return fromKey != null ? fromKey : "FT" + transfer.value().toString().replace("-", "");
    }

    /** The reference a posting key gives by itself; null when only the transfer id can give one. */
    public static String fromPostingKey(String postingKey) {
        if (postingKey.startsWith(PAYOUT_CONFIRMED)) {
            String payoutId = postingKey.substring(PAYOUT_CONFIRMED.length());
            return UUID_TEXT.matcher(payoutId).matches() ? "FX" + payoutId.replace("-", "") : null;
        }
        return END_TO_END_ID.matcher(postingKey).matches() ? postingKey : null;
    }
}
