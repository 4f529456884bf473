package org.fangxin.complaint;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The SLA board of several shards (ADR 12 §8f): counts add up; a median is not the median of the shards' medians, so
 * each shard also answers how many cases of each outcome closed after how many hours, and the medians are read from
 * the merged counts (exact to the hour). Plain Java.
 */
final class SlaBoardMerge {

    /** One shard's board and its closed cases' hours from filing to closing: outcome → hours → cases. */
    record Part(SlaBoard board, Map<ComplaintOutcome, SortedMap<Long, Long>> closingHours) { }

    private SlaBoardMerge() {
    }

    static SlaBoard of(List<Part> parts) {
        SlaBoard first = parts.get(0).board();
        Map<ComplaintOutcome, SortedMap<Long, Long>> hours = new EnumMap<>(ComplaintOutcome.class);
        SortedMap<Long, Long> allHours = new TreeMap<>();
        parts.forEach(part -> part.closingHours().forEach((outcome, counts) -> counts.forEach((hour, n) -> {
            hours.computeIfAbsent(outcome, o -> new TreeMap<>()).merge(hour, n, Long::sum);
            allHours.merge(hour, n, Long::sum);
        })));
        Map<ComplaintOutcome, Long> closed = new EnumMap<>(ComplaintOutcome.class);
        Map<ComplaintOutcome, Double> median = new EnumMap<>(ComplaintOutcome.class);
        hours.forEach((outcome, counts) -> {
            closed.put(outcome, counts.values().stream().mapToLong(Long::longValue).sum());
            median.put(outcome, medianDays(counts));
        });
        return new SlaBoard(first.sector(), sum(parts, SlaBoard::openByStage), sum(parts, SlaBoard::overdueByStage),
                sum(parts, SlaBoard::dueSoonByStage), sum(parts, SlaBoard::missedByStage), closed, median,
                allHours.isEmpty() ? null : medianDays(allHours), first.soonWorkingDays());
    }

    private static Map<ComplaintStage, Long> sum(List<Part> parts,
                                                 java.util.function.Function<SlaBoard, Map<ComplaintStage, Long>> figure) {
        Map<ComplaintStage, Long> total = new EnumMap<>(ComplaintStage.class);
        parts.forEach(part -> figure.apply(part.board()).forEach((stage, n) -> total.merge(stage, n, Long::sum)));
        return total;
    }

    /** The median (as PostgreSQL's percentile_cont(0.5): the mean of the two middle values) in days. */
    static double medianDays(SortedMap<Long, Long> casesByHour) {
        long n = casesByHour.values().stream().mapToLong(Long::longValue).sum();
        return (hourAt(casesByHour, (n - 1) / 2) + hourAt(casesByHour, n / 2)) / 2.0 / 24.0;
    }

    /** The hour of the case at {@code position} (0-based) in the order of the hours. */
    private static long hourAt(SortedMap<Long, Long> casesByHour, long position) {
        long seen = 0;
        for (Map.Entry<Long, Long> entry : casesByHour.entrySet()) {
            seen += entry.getValue();
            if (position < seen) {
                return entry.getKey();
            }
        }
        throw new IllegalArgumentException("no case at " + position);
    }
}
