package org.fangxin.oversight;

import java.time.LocalDate;
import java.util.regex.Pattern;
import org.fangxin.shared.Rejection;

/** A calendar quarter ({@code 2026Q1}), days in Asia/Shanghai: from {@link #first()} to {@link #last()} inclusive. */
public record Quarter(int year, int number) implements Comparable<Quarter> {

    private static final Pattern TEXT = Pattern.compile("^([0-9]{4})Q([1-4])$");

    public Quarter {
        if (number < 1 || number > 4 || year < 2000 || year > 9999) {
            throw Rejection.invalid("quarter", "quarter must look like 2026Q1");
        }
    }

    public static Quarter parse(String text) {
        var m = text == null ? null : TEXT.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw Rejection.invalid("quarter", "quarter must look like 2026Q1");
        }
        return new Quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public static Quarter of(LocalDate day) {
        return new Quarter(day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
    }

    public LocalDate first() {
        return LocalDate.of(year, (number - 1) * 3 + 1, 1);
    }

    public LocalDate last() {
        return first().plusMonths(3).minusDays(1);
    }

    public Quarter previous() {
        return number == 1 ? new Quarter(year - 1, 4) : new Quarter(year, number - 1);
    }

    public Quarter next() {
        return number == 4 ? new Quarter(year + 1, 1) : new Quarter(year, number + 1);
    }

    @Override
    public int compareTo(Quarter other) {
        return Integer.compare(year * 4 + number, other.year * 4 + other.number);
    }

    @Override
    public String toString() {
        return year + "Q" + number;
    }
}
