package org.fangxin.ledger;

import java.time.Instant;
import java.util.List;

/** A posted transfer with its entries; {@code reverses} and {@code reversedBy} link a transfer and its reversal. */
public record TransferView(TransferId id, String postingKey, String description, Instant postedAt,
                           TransferId reverses, TransferId reversedBy, List<EntryView> entries) {

    public TransferView {
        entries = List.copyOf(entries);
    }
}
