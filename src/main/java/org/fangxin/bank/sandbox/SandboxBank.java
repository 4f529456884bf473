package org.fangxin.bank.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fangxin.bank.BankInstructionView;
import org.fangxin.bank.BankPort;
import org.fangxin.bank.InstructionState;
import org.fangxin.bank.InstructionStatus;
import org.fangxin.bank.PayoutInstruction;
import org.fangxin.shared.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A custodian bank that lives in our database: it accepts payout instructions idempotently by end-to-end id and,
 * when its processing runs, books them (CONFIRMED) or returns them. An account number ending in the configured
 * suffix (default {@code 0000}) is a closed account (reason AC04); {@link #rejectNext} makes the next N processed
 * instructions come back too. Submission runs in its own transaction, as a call to a real bank would.
 */
@Service
public class SandboxBank implements BankPort {

    public static final String CLOSED_ACCOUNT_CODE = "AC04";
    public static final String CLOSED_ACCOUNT_TEXT = "Account closed (sandbox: account number ends in the closed suffix)";
    static final int PROCESS_BATCH_MAX = 500;
    private static final Logger log = LoggerFactory.getLogger(SandboxBank.class);

    private final SandboxRepository repository;
    private final Clock clock;
    private final String closedAccountSuffix;

    SandboxBank(SandboxRepository repository, Clock clock,
                @Value("${fangxin.bank.sandbox.closed-account-suffix:0000}") String closedAccountSuffix) {
        this.repository = repository;
        this.clock = clock;
        this.closedAccountSuffix = closedAccountSuffix;
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public InstructionStatus submit(PayoutInstruction instruction) {
        repository.insertIfAbsent(instruction, clock.instant());
        BankInstructionView held = repository.find(instruction.endToEndId()).orElseThrow();
        List<String> differences = differences(held, instruction);
        if (!differences.isEmpty()) {
            throw new Rejection(END_TO_END_ID_REUSED, "end-to-end id " + instruction.endToEndId()
                    + " was already used for another instruction: " + String.join("; ", differences),
                    Map.of("endToEndId", instruction.endToEndId(), "difference", String.join("; ", differences)));
        }
        return status(held);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<InstructionStatus> status(String endToEndId) {
        return repository.find(endToEndId).map(SandboxBank::status);
    }

    /**
     * The bank's processing: decides every pending instruction (oldest first, at most {@value #PROCESS_BATCH_MAX}).
     * Rows are claimed with {@code skip locked}, so two instances never decide one instruction twice.
     *
     * @return how many instructions were decided
     */
    @Transactional
    public int process() {
        Instant now = clock.instant();
        List<BankInstructionView> pending = repository.lockPending(PROCESS_BATCH_MAX);
        SandboxRepository.Control control = pending.isEmpty() ? null : repository.lockControl();
        int rejectNext = control == null ? 0 : control.rejectNext();
        for (BankInstructionView instruction : pending) {
            if (instruction.creditorAccount().endsWith(closedAccountSuffix)) {
                repository.decide(instruction.endToEndId(), InstructionState.RETURNED, CLOSED_ACCOUNT_CODE,
                        CLOSED_ACCOUNT_TEXT, now);
            } else if (rejectNext > 0) {
                rejectNext--;
                repository.decide(instruction.endToEndId(), InstructionState.RETURNED, control.rejectCode(),
                        control.rejectText(), now);
            } else {
                repository.decide(instruction.endToEndId(), InstructionState.CONFIRMED, null, null, now);
            }
        }
        if (control != null && rejectNext != control.rejectNext()) {
            repository.setRejectNext(rejectNext, control.rejectCode(), control.rejectText());
        }
        if (!pending.isEmpty()) {
            log.info("sandbox bank decided {} payout instruction(s)", pending.size());
        }
        return pending.size();
    }

    /** Test and demo hook: the next {@code count} instructions processed (not closed-account ones) are returned. */
    @Transactional
    public void rejectNext(int count, String reasonCode, String reasonText) {
        if (count < 0 || reasonCode == null || !reasonCode.matches("[A-Z0-9]{4}") || reasonText == null || reasonText.isBlank()) {
            throw new IllegalArgumentException("count >= 0, a 4-character ISO reason code and a text");
        }
        repository.lockControl();
        repository.setRejectNext(count, reasonCode, reasonText);
    }

    /** The instructions the bank received, newest first, optionally of one state; at most {@code size} (≤ 200). */
    @Transactional(readOnly = true)
    public List<BankInstructionView> instructions(InstructionState state, int page, int size) {
        int limit = Math.min(Math.max(size, 1), SandboxRepository.PAGE_SIZE_MAX);
        if (page < 0) {
            throw Rejection.invalid("page", "page counts from 0");
        }
        return repository.list(state, Math.multiplyExact(page, limit), limit);
    }

    private static InstructionStatus status(BankInstructionView held) {
        return new InstructionStatus(held.endToEndId(), held.state(), held.amount(), held.reasonCode(), held.reasonText(),
                held.receivedAt(), held.decidedAt());
    }

    private static List<String> differences(BankInstructionView held, PayoutInstruction instruction) {
        List<String> differences = new ArrayList<>();
        if (!held.amount().equals(instruction.amount())) {
            differences.add("amount " + held.amount() + " received, " + instruction.amount() + " sent");
        }
        if (!held.creditorAccount().equals(instruction.creditorAccount())) {
            differences.add("creditor account differs");
        }
        if (!held.debtorAccount().equals(instruction.debtorAccount())) {
            differences.add("debtor account differs");
        }
        return differences;
    }
}
