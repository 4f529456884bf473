package org.fangxin.risk.terms;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.card.AdvanceLimits;
import org.fangxin.insurance.MerchantRiskTiers;
import org.fangxin.insurance.RiskTier;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.Ledger;
import org.fangxin.protection.DepositShares;
import org.fangxin.rules.SupervisionRatio;
import org.fangxin.rules.SupervisionRatioFloors;
import org.fangxin.risk.TermsView;
import org.fangxin.risk.persistence.TierRepository;
import org.fangxin.settlement.MerchantSettlementCycles;
import org.fangxin.settlement.SettlementFrequency;
import org.fangxin.shared.Money;
import org.springframework.stereotype.Component;

/**
 * The consequences of a merchant's tier, handed to the modules that enforce them through the ports they own (so none of
 * them depends on risk): the supervision ratio new contracts state and purchases use (a floor and a relief for
 * {@code rules.Rules#supervisionRatio}, the one place the ratio is evaluated: {@link SupervisionRatioFloors}), sales
 * stop (the published view risk.sales_block, read by the card module's purchase check), the advance cap ({@link AdvanceLimits}), the premium tier
 * ({@link MerchantRiskTiers}), the deposit share ({@link DepositShares}) and the settlement cycle
 * ({@link MerchantSettlementCycles}). Each reads the terms stored by the last rating; a merchant not rated gets no answer, so
 * the owner's own rule applies.
 */
@Component
class TermsPorts implements AdvanceLimits, MerchantRiskTiers, DepositShares, MerchantSettlementCycles,
        SupervisionRatioFloors {

    private final TierRepository tiers;
    private final Ledger ledger;

    TermsPorts(TierRepository tiers, Ledger ledger) {
        this.tiers = tiers;
        this.ledger = ledger;
    }

    /** The tier's ratio is at least what new purchases keep (C, D, and the region floors such as Beijing's 40%). */
    @Override
    public Optional<SupervisionRatio> floorFor(UUID merchantId, LocalDate on) {
        return tiers.saleTerms(merchantId).map(TermsPorts::ratio);
    }

    /** A good tier's lower ratio replaces the platform default (never a region's or sector's own ratio). */
    @Override
    public Optional<SupervisionRatio> reliefFor(UUID merchantId, LocalDate on) {
        return tiers.saleTerms(merchantId).map(TermsPorts::ratio);
    }

    /** Floor and relief are the same stored ratio: one read of the terms for both. */
    @Override
    public Bounds boundsFor(UUID merchantId, LocalDate on) {
        Optional<SupervisionRatio> ratio = tiers.saleTerms(merchantId).map(TermsPorts::ratio);
        return new Bounds(ratio, ratio);
    }

    private static SupervisionRatio ratio(TierRepository.SaleTerms terms) {
        String row = terms.ratioSource() == null ? "" : terms.ratioSource();
        return new SupervisionRatio(terms.supervisionRatioBp(), "风险等级 " + terms.tier() + " (risk tier)"
                + (row.isBlank() ? "" : ": " + row));
    }

    @Override
    public Optional<Money> allowance(UUID merchantId) {
        // the cap alone, by primary key: every purchase's issue asks (issue 15)
        return tiers.saleTerms(merchantId).map(TierRepository.SaleTerms::advanceCap).map(cap -> {
            Money advanced = ledger.findAccount(AccountType.MERCHANT_ADVANCE, merchantId, cap.currency())
                    .map(AccountView::normalBalance).orElse(Money.zero(cap.currency()));
            Money left = cap.minus(advanced);
            return left.isNegative() ? Money.zero(cap.currency()) : left;
        });
    }

    @Override
    public Optional<RiskTier> tierOf(UUID merchantId) {
        return tiers.terms(merchantId).map(TermsView::insuranceTier).map(RiskTier::valueOf);
    }

    @Override
    public Optional<Integer> shareBpsFor(UUID merchantId) {
        return tiers.terms(merchantId).map(TermsView::depositShareBp);
    }

    @Override
    public Optional<Cycle> cycleFor(UUID merchantId) {
        return tiers.terms(merchantId).filter(t -> t.settlementFrequency() != null)
                .map(t -> new Cycle(SettlementFrequency.valueOf(t.settlementFrequency()), t.payoutDay()));
    }
}
