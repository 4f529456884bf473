package org.fangxin.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The SLA board of several shards (ADR 12 §8f): counts add up, medians come from the merged hours, not the medians. */
class SlaBoardMergeTests {

    @Test
    void countsAddUpAndTheMedianIsReadFromTheMergedHoursAsPercentileContDoes() {
        SlaBoardMerge.Part first = part(Map.of(ComplaintStage.PLATFORM_MEDIATION, 2L), hours(24L, 1L, 48L, 1L));
        SlaBoardMerge.Part second = part(Map.of(ComplaintStage.PLATFORM_MEDIATION, 1L,
                ComplaintStage.MERCHANT_NEGOTIATION, 4L), hours(240L, 2L));

        SlaBoard board = SlaBoardMerge.of(List.of(first, second));

        assertThat(board.openByStage()).containsExactlyInAnyOrderEntriesOf(Map.of(ComplaintStage.PLATFORM_MEDIATION, 3L,
                ComplaintStage.MERCHANT_NEGOTIATION, 4L));
        assertThat(board.closedByOutcome()).containsExactlyEntriesOf(Map.of(ComplaintOutcome.WITHDRAWN, 4L));
        // 1, 2, 10, 10 days: the mean of the two middle values, 6 — the shards' medians (1.5 and 10) would give neither
        assertThat(board.medianDaysByOutcome()).containsExactlyEntriesOf(Map.of(ComplaintOutcome.WITHDRAWN, 6.0));
        assertThat(board.medianDaysToClose()).isEqualTo(6.0);
        assertThat(SlaBoardMerge.medianDays(new TreeMap<>(Map.of(12L, 1L, 36L, 1L, 72L, 1L)))).isEqualTo(1.5);
    }

    @Test
    void aBoardWithNoClosedCaseHasNoMedian() {
        SlaBoard board = SlaBoardMerge.of(List.of(part(Map.of(), Map.of()), part(Map.of(), Map.of())));

        assertThat(board.medianDaysToClose()).isNull();
        assertThat(board.open()).isZero();
    }

    private static SlaBoardMerge.Part part(Map<ComplaintStage, Long> open, Map<ComplaintOutcome, SortedMap<Long, Long>> hours) {
        SlaBoard board = new SlaBoard(null, open, Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), null, 3);
        return new SlaBoardMerge.Part(board, hours);
    }

    private static Map<ComplaintOutcome, SortedMap<Long, Long>> hours(long... hourAndCases) {
        SortedMap<Long, Long> counts = new TreeMap<>();
        for (int i = 0; i < hourAndCases.length; i += 2) {
            counts.put(hourAndCases[i], hourAndCases[i + 1]);
        }
        return Map.of(ComplaintOutcome.WITHDRAWN, counts);
    }
}
