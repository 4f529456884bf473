package org.fangxin.bank.portal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fangxin.shared.Money;

/** A page of a sub-account's movements (its ledger entries), newest first; {@code page} counts from 0. */
public record MovementPage(UUID merchantId, SubAccountKind kind, String subAccount, Money balance, List<Movement> items,
                           int page, int size, long total) {

    public MovementPage {
        items = List.copyOf(items);
    }

    /** One entry: {@code amount} signed from the sub-account's side, money in positive. */
    public record Movement(long entryId, UUID transferId, Instant postedAt, String direction, Money amount) { }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }
}
