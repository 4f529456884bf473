package org.fangxin.bank;

import java.time.Instant;
import java.util.Objects;
import org.fangxin.shared.Money;

/**
 * The bank's answer about one instruction. A return carries an ISO 20022 reason code (e.g. {@code AC04} closed
 * account) and text; {@code decidedAt} is set once the state is final.
 */
public record InstructionStatus(String endToEndId, InstructionState state, Money amount, String reasonCode,
                                String reasonText, Instant receivedAt, Instant decidedAt) {

    public InstructionStatus {
        Objects.requireNonNull(endToEndId, "endToEndId");
        Objects.requireNonNull(state, "state");
        if (state.isFinal() != (decidedAt != null)) {
            throw new IllegalArgumentException("decidedAt is set exactly when the state is final");
        }
    }
}
