package org.fangxin.settlement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * A settlement run for one date (run again, it pays nobody twice): when it first and last ran, how many times, and
 * its payouts by status with the amounts instructed per currency.
 */
public record RunView(UUID id, LocalDate settlementDate, Instant createdAt, String createdBy, Instant lastRunAt,
                      int executions, Map<PayoutStatus, Long> payouts, List<Money> amountInstructed) {

    public RunView {
        payouts = Map.copyOf(payouts);
        amountInstructed = List.copyOf(amountInstructed);
    }

    /** How many of the run's payouts have this status (by name, for templates). */
    public long countOf(String status) {
        return payouts.getOrDefault(PayoutStatus.valueOf(status), 0L);
    }

    /**
     * The parts one date's run keeps on several shards as one run (ADR 12 §8g): the directory shard's id, the first
     * start, the latest run, the most executions, the payouts and amounts added up.
     */
    static RunView combined(List<RunView> parts) {
        RunView first = parts.get(0);
        Map<PayoutStatus, Long> payouts = new java.util.EnumMap<>(PayoutStatus.class);
        Map<java.util.Currency, Money> amounts = new java.util.LinkedHashMap<>();
        Instant createdAt = first.createdAt();
        Instant lastRunAt = first.lastRunAt();
        int executions = first.executions();
        for (RunView part : parts) {
            part.payouts().forEach((status, count) -> payouts.merge(status, count, Long::sum));
            part.amountInstructed().forEach(amount -> amounts.merge(amount.currency(), amount, Money::plus));
            createdAt = part.createdAt().isBefore(createdAt) ? part.createdAt() : createdAt;
            lastRunAt = part.lastRunAt().isAfter(lastRunAt) ? part.lastRunAt() : lastRunAt;
            executions = Math.max(executions, part.executions());
        }
        return new RunView(first.id(), first.settlementDate(), createdAt, first.createdBy(), lastRunAt, executions,
                payouts, List.copyOf(amounts.values()));
    }
}
