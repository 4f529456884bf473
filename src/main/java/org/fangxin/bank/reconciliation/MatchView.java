package org.fangxin.bank.reconciliation;

import java.time.LocalDate;
import org.fangxin.shared.Money;

/** A statement line paired with the ledger movement it stands for. */
public record MatchView(String lineId, String accountNumber, LocalDate bookingDate, Money amount, String endToEndId,
                        String movementId, String rule) {
}
