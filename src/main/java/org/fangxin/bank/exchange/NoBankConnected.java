package org.fangxin.bank.exchange;

import java.util.List;
import java.util.Optional;
import org.fangxin.bank.BankAdapters;
import org.fangxin.bank.BankDocument;
import org.fangxin.bank.BankPort;
import org.fangxin.bank.FileReceipt;
import org.fangxin.bank.InstructionStatus;
import org.fangxin.bank.PayoutInstruction;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The bank port while no custodian bank is connected (the sandbox bank is off and no real adapter exists yet):
 * instructions are refused, so payouts stay instructed-but-undelivered and are retried once a bank is connected;
 * the bank has sent no documents. Preferred over the sandbox bank, which stays in the context for its read views.
 * It stands for every custodian bank.
 */
@Component
@Primary
@ConditionalOnProperty(name = "fangxin.bank.sandbox.enabled", havingValue = "false", matchIfMissing = true)
class NoBankConnected implements BankPort, BankAdapters {

    private static final String WHY = "no custodian bank is connected (the sandbox bank is off: fangxin.bank.sandbox.enabled=false)";

    @Override
    public BankPort of(String bankCode) {
        return this;
    }

    @Override
    public InstructionStatus submit(PayoutInstruction instruction) {
        throw new IllegalStateException(WHY);
    }

    @Override
    public Optional<InstructionStatus> status(String endToEndId) {
        return Optional.empty();
    }

    @Override
    public FileReceipt receiveFile(String messageId, byte[] content, String sha256Hex) {
        throw new IllegalStateException(WHY);
    }

    @Override
    public List<BankDocument> documentsAfter(long sequence, int limit) {
        return List.of();
    }
}
