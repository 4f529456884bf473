package org.fangxin.bank.sandbox;

import java.util.List;
import java.util.Optional;
import org.fangxin.bank.BankAdapters;
import org.fangxin.bank.BankDocument;
import org.fangxin.bank.BankPort;
import org.fangxin.bank.FileReceipt;
import org.fangxin.bank.InstructionStatus;
import org.fangxin.bank.PayoutInstruction;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * With the sandbox on, every registered custodian bank is connected to its own instance of the sandbox bank: a bank
 * registered at run time has one at once (its settings row is created on first use).
 */
@Component
@ConditionalOnProperty(name = "fangxin.bank.sandbox.enabled", havingValue = "true")
class SandboxAdapters implements BankAdapters {

    private final SandboxBank sandbox;

    SandboxAdapters(SandboxBank sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public BankPort of(String bankCode) {
        return new Instance(sandbox, bankCode);
    }

    /** One bank's sandbox; calls go through the (transactional) sandbox bean with the bank's code. */
    private record Instance(SandboxBank sandbox, String bank) implements BankPort {

        @Override
        public InstructionStatus submit(PayoutInstruction instruction) {
            return sandbox.submit(bank, instruction);
        }

        @Override
        public Optional<InstructionStatus> status(String endToEndId) {
            return sandbox.status(bank, endToEndId);
        }

        @Override
        public FileReceipt receiveFile(String messageId, byte[] content, String sha256Hex) {
            return sandbox.receiveFile(bank, messageId, content, sha256Hex);
        }

        @Override
        public List<BankDocument> documentsAfter(long sequence, int limit) {
            return sandbox.documentsAfter(bank, sequence, limit);
        }
    }
}
