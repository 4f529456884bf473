package org.fangxin.risk.domain;

import java.time.LocalDate;
import java.util.Objects;
import org.fangxin.risk.FeedType;

/**
 * One validated feed record, keyed by credit code, type, period and reference (empty for monthly figures).
 * {@code periodStart} is the month's first day or the record's day; {@code line} is where it stood in its file.
 */
public record FeedRecord(String creditCode, FeedType type, String period, LocalDate periodStart, Long value,
                         String status, String reference, String note, int line) {

    public FeedRecord {
        Objects.requireNonNull(creditCode, "creditCode");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(periodStart, "periodStart");
        reference = reference == null ? "" : reference;
        note = note == null ? "" : note;
    }

    /** The first day of a monthly period ({@code YYYY-MM}) or the day of a dated one ({@code YYYY-MM-DD}). */
    public static LocalDate startOf(FeedType type, String period) {
        return type.monthly() ? java.time.YearMonth.parse(period).atDay(1) : LocalDate.parse(period);
    }

    /** The record's identity: a repeated key with the same content changes nothing; other content corrects it. */
    public String key() {
        return creditCode + "|" + type + "|" + period + "|" + reference;
    }

    /** Whether another record says the same (value, status, note). */
    public boolean sameContent(FeedRecord other) {
        return Objects.equals(value, other.value) && Objects.equals(status, other.status) && note.equals(other.note);
    }
}
