package org.fangxin.bank;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A document the bank produced for the platform: a pain.002 status report or an end-of-day camt.053 statement.
 *
 * @param sequence      the bank's order of production; the platform fetches after the last one it has
 * @param statementDate the day a statement covers; null for status reports
 */
public record BankDocument(long sequence, Kind kind, String name, LocalDate statementDate, byte[] content, String sha256Hex) {

    public enum Kind { PAIN002, CAMT053 }

    public BankDocument {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }
}
