package org.fangxin.bank;

import java.time.Instant;

/**
 * The bank's acknowledgement of an instruction file: how many transactions it accepted for execution and how many it
 * rejected at once (their reasons are in the pain.002 it produced). {@code replayed} when the same file came again.
 */
public record FileReceipt(String messageId, String sha256Hex, int transactionCount, int acceptedCount, int rejectedCount,
                          Instant receivedAt, boolean replayed) {
}
