package org.fangxin.compensation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * The compensation batch of a confirmed closure has paid (or transferred) every consumer's unredeemed value; published
 * once per case. {@code fundedLines} are the lines the platform guarantee fund paid part of: the uncovered part the
 * platform claims from the insurer, and until then a subrogation receivable against the merchant.
 */
public record CompensationCompleted(UUID caseId, UUID merchantId, Instant at, Money paid, Money fromEscrow,
                                    Money fromDeposit, Money fromGuaranteeFund, List<FundedLine> fundedLines) {

    /** One consumer's line that the guarantee fund paid {@code fromGuaranteeFund} of. */
    public record FundedLine(UUID lineId, UUID cardId, UUID consumerId, Money paid, Money fromGuaranteeFund) { }
}
