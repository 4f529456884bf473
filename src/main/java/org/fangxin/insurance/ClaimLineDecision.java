package org.fangxin.insurance;

import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * The insurer's decision on the line of one card: APPROVED (the covered amount; {@code amount} may be omitted),
 * REDUCED (a lesser positive {@code amount}, with a reason) or REJECTED (with a reason).
 */
public record ClaimLineDecision(UUID cardId, LineDecision decision, Money amount, String reason) { }
