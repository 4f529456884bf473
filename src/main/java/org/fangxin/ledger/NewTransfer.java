package org.fangxin.ledger;

import java.util.List;
import java.util.Objects;

/**
 * A transfer to post: a deterministic posting key naming the business event (e.g. {@code redemption:<uuid>}), a
 * description for people, and two or more lines that balance per currency.
 */
public record NewTransfer(String postingKey, String description, List<EntryLine> lines) {

    public NewTransfer {
        Objects.requireNonNull(postingKey, "postingKey");
        Objects.requireNonNull(description, "description");
        lines = List.copyOf(lines);
    }

    public static NewTransfer of(String postingKey, String description, EntryLine... lines) {
        return new NewTransfer(postingKey, description, List.of(lines));
    }
}
