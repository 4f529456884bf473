package org.fangxin.ledger;

import java.util.List;

/** One page of a listing; {@code page} counts from 0. */
public record LedgerPage<T>(List<T> items, int page, int size, long totalItems) {

    public LedgerPage {
        items = List.copyOf(items);
    }
}
