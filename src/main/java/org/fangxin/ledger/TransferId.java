package org.fangxin.ledger;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** A posted transfer's identifier. */
public record TransferId(@JsonValue UUID value) {

    public TransferId {
        Objects.requireNonNull(value, "value");
    }

    @JsonCreator
    public static TransferId of(UUID value) {
        return new TransferId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
