package org.fangxin.bank;

import java.util.Optional;
import org.fangxin.shared.ProblemType;

/**
 * The custodian bank as the platform sees it: payout instructions out, their status back. The end-to-end id is the
 * idempotency key (as in ISO 20022 pain.001): submitting the same instruction again answers its current status and
 * moves nothing; the same id with other content is refused. Later adapters add files, statements and notifications
 * behind the same two calls.
 */
public interface BankPort {

    /** Hands a payout to the bank; idempotent by {@link PayoutInstruction#endToEndId()}. */
    InstructionStatus submit(PayoutInstruction instruction);

    /** What the bank says about an instruction it received; empty when it never received it. */
    Optional<InstructionStatus> status(String endToEndId);

    /** The end-to-end id was already used for an instruction with other content. */
    ProblemType END_TO_END_ID_REUSED = new ProblemType("end-to-end-id-reused", 409);
}
