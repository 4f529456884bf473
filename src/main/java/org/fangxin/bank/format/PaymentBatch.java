package org.fangxin.bank.format;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The instructions sent to the bank in one file. {@code messageId} identifies the file: a bank refuses a second file
 * with the same id, which makes re-sending idempotent. All instructions are in one currency.
 */
public record PaymentBatch(String messageId, Instant createdAt, String initiatingParty, List<CreditTransferInstruction> instructions) {

    /** Keeps a file within what banks accept in one upload. */
    public static final int INSTRUCTIONS_MAX = 100_000;

    public PaymentBatch {
        CreditTransferInstruction.requireText(messageId, "messageId", 35);
        Objects.requireNonNull(createdAt, "createdAt");
        CreditTransferInstruction.requireText(initiatingParty, "initiatingParty", CreditTransferInstruction.TEXT_LENGTH_MAX);
        instructions = List.copyOf(instructions);
        if (instructions.isEmpty() || instructions.size() > INSTRUCTIONS_MAX) {
            throw new IllegalArgumentException("a batch holds 1.." + INSTRUCTIONS_MAX + " instructions, not " + instructions.size());
        }
        var endToEndIds = new HashSet<String>();
        var currency = instructions.get(0).amount().currency();
        for (var instruction : instructions) {
            if (!endToEndIds.add(instruction.endToEndId())) {
                throw new IllegalArgumentException("end-to-end id used twice in batch " + messageId + ": " + instruction.endToEndId());
            }
            if (!instruction.amount().currency().equals(currency)) {
                throw new IllegalArgumentException("batch " + messageId + " mixes currencies " + currency + " and "
                        + instruction.amount().currency());
            }
        }
    }
}
