package org.fangxin.risk.feed;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.fangxin.merchant.CreditCodes;
import org.fangxin.risk.FeedType;
import org.fangxin.risk.domain.FeedRecord;

/** The field rules of feed records (docs/risk.md, "Feed formats"); the first broken rule refuses the whole file. */
final class FeedRules {

    static final int REFERENCE_LENGTH_MAX = 64;
    static final int NOTE_LENGTH_MAX = 200;
    static final long VALUE_MAX = 1_000_000_000_000_000L;
    static final int YEAR_MIN = 2000;
    static final Set<String> LIST_STATUSES = Set.of("LISTED", "REMOVED");
    static final Set<String> COMPLAINT_STATUSES = Set.of("FILED", "UPHELD", "REJECTED", "MEDIATED");
    private static final Pattern MONTH = Pattern.compile("[0-9]{4}-[0-9]{2}");
    private static final Pattern DAY = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern INTEGER = Pattern.compile("[0-9]{1,19}");

    private FeedRules() {
    }

    static List<FeedRecord> validate(List<FeedParser.RawRecord> raw, LocalDate today) {
        Map<String, FeedRecord> byKey = new LinkedHashMap<>();
        List<FeedRecord> records = new ArrayList<>(raw.size());
        for (FeedParser.RawRecord row : raw) {
            FeedRecord record = record(row, today);
            FeedRecord earlier = byKey.putIfAbsent(record.key(), record);
            if (earlier == null) {
                records.add(record);
            } else if (!earlier.sameContent(record)) {
                throw new FeedMalformed(row.line(), "period", "repeats the record of line " + earlier.line()
                        + " (same credit code, type, period and reference) with other content");
            }
        }
        return records;
    }

    private static FeedRecord record(FeedParser.RawRecord row, LocalDate today) {
        int line = row.line();
        String code = CreditCodes.normalize(row.get("creditCode"));
        if (!CreditCodes.isValid(code)) {
            throw new FeedMalformed(line, "creditCode", "not a valid unified social credit code: " + row.get("creditCode"));
        }
        FeedType type = type(line, row.get("type"));
        String period = row.get("period");
        LocalDate start = type.monthly() ? month(line, period, today) : day(line, period, today);
        Long value = value(line, type, row.get("value"));
        String status = status(line, type, row.get("status"));
        String reference = reference(line, type, row.get("reference"));
        String note = row.get("note");
        if (note.length() > NOTE_LENGTH_MAX || hasControl(note)) {
            throw new FeedMalformed(line, "note", "a note is at most " + NOTE_LENGTH_MAX + " characters on one line");
        }
        return new FeedRecord(code, type, period, start, value, status, reference, note, line);
    }

    private static FeedType type(int line, String text) {
        try {
            return FeedType.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new FeedMalformed(line, "type", "unknown type " + text + "; known: " + List.of(FeedType.values()));
        }
    }

    private static LocalDate month(int line, String text, LocalDate today) {
        try {
            YearMonth month = MONTH.matcher(text).matches() ? YearMonth.parse(text) : null;
            if (month != null && month.getYear() >= YEAR_MIN && !month.isAfter(YearMonth.from(today))) {
                return month.atDay(1);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new FeedMalformed(line, "period", "a monthly figure needs a month YYYY-MM from " + YEAR_MIN
                + " up to this month, not " + text);
    }

    private static LocalDate day(int line, String text, LocalDate today) {
        try {
            LocalDate day = DAY.matcher(text).matches() ? LocalDate.parse(text) : null;
            if (day != null && day.getYear() >= YEAR_MIN && !day.isAfter(today)) {
                return day;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new FeedMalformed(line, "period", "this record needs a day YYYY-MM-DD from " + YEAR_MIN
                + " up to today, not " + text);
    }

    private static Long value(int line, FeedType type, String text) {
        boolean allowed = type.monthly() || type.shape() == FeedType.Shape.DATED;
        if (text.isEmpty()) {
            if (type.monthly()) {
                throw new FeedMalformed(line, "value", type + " needs a value (a whole number)");
            }
            return null;
        }
        if (!allowed) {
            throw new FeedMalformed(line, "value", type + " carries no value");
        }
        if (!INTEGER.matcher(text).matches() || Long.parseLong(text) > VALUE_MAX) {
            throw new FeedMalformed(line, "value", "value must be a whole number from 0 to " + VALUE_MAX + ", not " + text);
        }
        return Long.parseLong(text);
    }

    private static String status(int line, FeedType type, String text) {
        Set<String> allowed = switch (type.shape()) {
            case LIST -> LIST_STATUSES;
            case COMPLAINT -> COMPLAINT_STATUSES;
            default -> Set.of();
        };
        if (allowed.isEmpty()) {
            if (!text.isEmpty()) {
                throw new FeedMalformed(line, "status", type + " carries no status");
            }
            return null;
        }
        if (!allowed.contains(text)) {
            throw new FeedMalformed(line, "status", type + " needs a status, one of " + allowed + ", not " + text);
        }
        return text;
    }

    private static String reference(int line, FeedType type, String text) {
        if (type.monthly()) {
            if (!text.isEmpty()) {
                throw new FeedMalformed(line, "reference", "a monthly figure carries no reference");
            }
            return "";
        }
        if (text.isEmpty() || text.length() > REFERENCE_LENGTH_MAX || hasControl(text)) {
            throw new FeedMalformed(line, "reference", type + " needs a reference (case or ticket number) of 1 to "
                    + REFERENCE_LENGTH_MAX + " characters");
        }
        return text;
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }
}
