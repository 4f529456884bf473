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
}
