package org.fangxin.ledger;

import java.time.Instant;
import org.fangxin.shared.Money;

/** A posted entry line; {@code amount} is signed (debit positive). */
public record EntryView(long id, TransferId transferId, AccountId accountId, Side side, Money amount, Instant postedAt) {
}
