package org.fangxin.bank.portal;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One custodian bank's payout files and instructions: files the platform wrote for it (and how many are not delivered
 * yet), the instructions in them, what the bank holds of them by state (waiting, executed, returned), and the last
 * statement imported from it ({@code lastStatementDate} null: none yet).
 */
public record BankPayoutStatus(String bank, String nameZh, String nameEn, int files, int filesUndelivered,
                               int instructionsSent, Instant lastDeliveredAt, int atBankWaiting, int atBankConfirmed,
                               int atBankReturned, LocalDate lastStatementDate, int lastStatementBreaks) {
}
