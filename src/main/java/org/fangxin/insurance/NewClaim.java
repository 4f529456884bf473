package org.fangxin.insurance;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * The platform's claim for a closure case: what the guarantee fund paid per consumer's card ({@code claimed}), to be
 * recovered from the insurer whose policy covered the merchant on {@code closedOn}.
 */
public record NewClaim(UUID caseId, UUID merchantId, ClosureTrigger trigger, LocalDate closedOn, List<Line> lines) {

    public NewClaim {
        lines = lines == null ? null : List.copyOf(lines);
    }

    /** Whether the insurer pays the consumers directly (a failed mediation) instead of reimbursing the guarantee fund. */
    public boolean paysConsumers() {
        return trigger == ClosureTrigger.MEDIATION_FAILED;
    }

    /** One consumer's card and the guarantee-fund part of its compensation. */
    public record Line(UUID cardId, UUID consumerId, Money claimed) { }
}
