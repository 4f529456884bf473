package org.fangxin.complaint;

import java.util.Map;

/**
 * How complaint handling keeps its deadlines (for operators, regulators and the association): open cases by stage,
 * those past their deadline (the job is behind or the calendar changed) and due within {@code soonWorkingDays},
 * deadlines missed (automatic steps taken because a party let its deadline pass, last 90 days) and the median days
 * from filing to closing by outcome (all time). {@code sector} is set for a sector regulator's board.
 */
public record SlaBoard(String sector, Map<ComplaintStage, Long> openByStage, Map<ComplaintStage, Long> overdueByStage,
                       Map<ComplaintStage, Long> dueSoonByStage, Map<ComplaintStage, Long> missedByStage,
                       Map<ComplaintOutcome, Long> closedByOutcome, Map<ComplaintOutcome, Double> medianDaysByOutcome,
                       Double medianDaysToClose, int soonWorkingDays) {

    public SlaBoard {
        openByStage = Map.copyOf(openByStage);
        overdueByStage = Map.copyOf(overdueByStage);
        dueSoonByStage = Map.copyOf(dueSoonByStage);
        missedByStage = Map.copyOf(missedByStage);
        closedByOutcome = Map.copyOf(closedByOutcome);
        medianDaysByOutcome = Map.copyOf(medianDaysByOutcome);
    }

    public long open() {
        return openByStage.values().stream().mapToLong(Long::longValue).sum();
    }

    public long overdue() {
        return overdueByStage.values().stream().mapToLong(Long::longValue).sum();
    }
}
