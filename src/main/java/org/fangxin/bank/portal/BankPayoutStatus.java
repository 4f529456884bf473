package org.fangxin.bank.portal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One custodian bank's payout files and instructions: files the platform wrote for it (and how many are not delivered
 * yet), the instructions in them, what the bank holds of them by state (waiting, executed, returned), and the last
 * statement imported from it ({@code lastStatementDate} null: none yet).
 */
public record BankPayoutStatus(String bank, String nameZh, String nameEn, int files, int filesUndelivered,
                               int instructionsSent, Instant lastDeliveredAt, int atBankWaiting, int atBankConfirmed,
                               int atBankReturned, LocalDate lastStatementDate, int lastStatementBreaks) {

    /**
     * Sharded profile: each shard's figures of the same banks (the bank list is broadcast) as one line per bank, in the
     * first shard's order: counts added up, the latest delivery and statement, the breaks of that statement's parts.
     */
    static List<BankPayoutStatus> combined(List<List<BankPayoutStatus>> shards) {
        Map<String, BankPayoutStatus> byBank = new LinkedHashMap<>();
        shards.forEach(part -> part.forEach(line -> byBank.merge(line.bank(), line, BankPayoutStatus::plus)));
        return List.copyOf(byBank.values());
    }

    private BankPayoutStatus plus(BankPayoutStatus other) {
        Instant delivered = lastDeliveredAt == null || (other.lastDeliveredAt != null && other.lastDeliveredAt.isAfter(lastDeliveredAt))
                ? other.lastDeliveredAt : lastDeliveredAt;
        int compared = lastStatementDate == null ? (other.lastStatementDate == null ? 0 : -1)
                : other.lastStatementDate == null ? 1 : lastStatementDate.compareTo(other.lastStatementDate);
        LocalDate statement = compared >= 0 ? lastStatementDate : other.lastStatementDate;
        int breaks = compared > 0 ? lastStatementBreaks : compared < 0 ? other.lastStatementBreaks
                : lastStatementBreaks + other.lastStatementBreaks;
        return new BankPayoutStatus(bank, nameZh, nameEn, files + other.files, filesUndelivered + other.filesUndelivered,
                instructionsSent + other.instructionsSent, delivered, atBankWaiting + other.atBankWaiting,
                atBankConfirmed + other.atBankConfirmed, atBankReturned + other.atBankReturned, statement, breaks);
    }
}
