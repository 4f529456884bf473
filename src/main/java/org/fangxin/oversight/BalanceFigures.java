package org.fangxin.oversight;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.fangxin.shared.Money;

/**
 * The prepaid balance of a merchant, a region or a sector on one day and how it is covered (CNY): {@code outstanding}
 * is the unredeemed value of live cards; escrow held for consumers (less what escrow owes the merchant) plus the
 * merchant's advance equals it plus refunds payable (the escrow identity), so the advance is the part escrow does not cover, which risk deposits and insured cover stand behind. {@code uncovered} is
 * what consumers would lose if the merchant(s) closed that day, before the platform's guarantee fund.
 */
public record BalanceFigures(long merchants, long liveCards, Money outstanding, Money escrow, Money advance,
                             Money deposit, Money insured, Money uncovered) {

    public static final BalanceFigures NONE = new BalanceFigures(0, 0, Money.fen(0), Money.fen(0), Money.fen(0),
            Money.fen(0), Money.fen(0), Money.fen(0));

    /** Covered share of the outstanding balance: (escrow + deposit + insured) / outstanding, at most 1; null when none is outstanding. */
    @JsonProperty("coverageRatio")
    public Double coverageRatio() {
        long owed = outstanding.amountMinor();
        if (owed <= 0) {
            return null;
        }
        long covered = escrow.amountMinor() + deposit.amountMinor() + insured.amountMinor();
        return Math.min(1.0, (double) covered / owed);
    }

    /** The coverage ratio as a percentage with one decimal ("97.5 %"), or "—". */
    @JsonIgnore
    public String coveragePercent() {
        Double ratio = coverageRatio();
        return ratio == null ? "—" : String.format(java.util.Locale.ROOT, "%.1f %%", ratio * 100);
    }
}
