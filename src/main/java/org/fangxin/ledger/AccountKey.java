package org.fangxin.ledger;

import java.util.Objects;
import java.util.UUID;

/** An account's identity within one currency: its chart code and owner (null for platform accounts). */
public record AccountKey(AccountType type, UUID ownerId) {

    public AccountKey {
        Objects.requireNonNull(type, "type");
    }
}
