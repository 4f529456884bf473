package org.fangxin.risk;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fangxin.merchant.MerchantView;
import org.fangxin.risk.persistence.TierRepository;
import org.fangxin.risk.persistence.TierRepository.StoredTier;

/** Assembles {@link MerchantRiskView}s from the stored tier state, the latest score and the terms. */
final class RiskViews {

    private final TierRepository tiers;
    private final Instant now;

    RiskViews(TierRepository tiers, Instant now) {
        this.tiers = tiers;
        this.now = now;
    }

    /** The full view (every factor, the terms); empty when the merchant was never rated. */
    Optional<MerchantRiskView> of(MerchantView merchant) {
        return tiers.find(merchant.id()).map(stored -> view(merchant, stored,
                tiers.latestScore(merchant.id()).map(TierRepository.ScoreRow::factors).orElse(List.of()),
                tiers.terms(merchant.id()).orElse(null)));
    }

    /** A list entry: score and tier without factors and terms. */
    Optional<MerchantRiskView> summary(MerchantView merchant, StoredTier stored) {
        return Optional.of(view(merchant, stored, List.of(), null));
    }

    private MerchantRiskView view(MerchantView merchant, StoredTier stored, List<FactorView> factors, TermsView terms) {
        var state = stored.state();
        var override = stored.override() != null && stored.override().until().isAfter(now) ? stored.override() : null;
        return new MerchantRiskView(merchant.id(), merchant.legalName(), merchant.regionCode(), merchant.sector().name(),
                stored.scoreCenti(), stored.rawTier(), stored.tierAt(now), state.tierSince(), state.upTo(), state.upSince(),
                stored.badgeSince() != null, stored.badgeSince(), stored.scoredOn(), factors, terms, override);
    }
}
