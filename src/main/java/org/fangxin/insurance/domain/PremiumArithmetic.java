package org.fangxin.insurance.domain;

import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.fangxin.insurance.CostSharing;
import org.fangxin.shared.Money;

/** Premium arithmetic in fen: the monthly premium of one merchant and its exact split among the payers. */
public final class PremiumArithmetic {

    static final long MONTHS_PER_YEAR = 12;

    private PremiumArithmetic() {
    }

    /** What a policy insures of a merchant: its exposure, at most the per-merchant limit, never negative. */
    public static Money insured(Money exposure, Money perMerchantLimit) {
        Money positive = exposure.isNegative() ? Money.zero(exposure.currency()) : exposure;
        return positive.min(perMerchantLimit);
    }

    /** insured × rate / 12 months, the rate in basis points per year, rounded half up to the fen. */
    public static Money monthlyPremium(Money insured, int rateBps) {
        if (rateBps < 0 || rateBps > CostSharing.WHOLE_BPS || insured.isNegative()) {
            throw new IllegalArgumentException("rate " + rateBps + " bps on " + insured);
        }
        return insured.fraction(rateBps, CostSharing.WHOLE_BPS * MONTHS_PER_YEAR, RoundingMode.HALF_UP);
    }

    /**
     * Splits a premium by the cost sharing into [merchant, platform, government] so that the parts add up to the
     * premium exactly: each part is rounded down, and the fen left over go one by one to the largest remainders
     * (ties in that order). A zero share always gets zero.
     */
    public static List<Money> split(Money premium, CostSharing sharing) {
        sharing.problem().ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        if (premium.isNegative()) {
            throw new IllegalArgumentException("negative premium " + premium);
        }
        int[] bps = {sharing.merchantBps(), sharing.platformBps(), sharing.governmentBps()};
        long[] parts = new long[3];
        long[] remainders = new long[3];
        long allotted = 0;
        for (int i = 0; i < 3; i++) {
            long product = Math.multiplyExact(premium.amountMinor(), (long) bps[i]);
            parts[i] = product / CostSharing.WHOLE_BPS;
            remainders[i] = product % CostSharing.WHOLE_BPS;
            allotted += parts[i];
        }
        long left = premium.amountMinor() - allotted;
        // left < 3 because each part lost less than one fen; the largest remainders get one fen each.
        while (left > 0) {
            int best = -1;
            for (int i = 0; i < 3; i++) {
                if (remainders[i] > 0 && (best < 0 || remainders[i] > remainders[best])) {
                    best = i;
                }
            }
            parts[best]++;
            remainders[best] = 0;
            left--;
        }
        List<Money> result = new ArrayList<>(3);
        for (long part : parts) {
            result.add(new Money(part, premium.currency()));
        }
        return result;
    }
}
