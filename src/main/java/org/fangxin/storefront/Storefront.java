package org.fangxin.storefront;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.card.CardView;
import org.fangxin.card.Cards;
import org.fangxin.catalog.ContractVersionView;
import org.fangxin.catalog.ProductStatus;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.Products;
import org.fangxin.complaint.ComplaintReports;
import org.fangxin.complaint.ComplaintStatistics;
import org.fangxin.identity.Actor;
import org.fangxin.insurance.Policies;
import org.fangxin.insurance.PolicyView;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.Ledger;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.StoreView;
import org.fangxin.risk.RiskBadge;
import org.fangxin.risk.RiskBadges;
import org.fangxin.rules.Audience;
import org.fangxin.rules.Rules;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.fangxin.storefront.domain.CoverSplit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The consumer's storefront: products as cards with protection badges, a product's page with its contract and how a
 * purchase is protected, and how each card's unredeemed value is covered. Reads only; the figures come from the rule
 * table, the ledger and the insurance policies in force at the moment of the request.
 */
@Service
@Transactional(readOnly = true)
public class Storefront {

    public static final int HOME_PRODUCTS_MAX = Products.PAGE_SIZE_MAX;

    private final Products products;
    private final Merchants merchants;
    private final Rules rules;
    private final Ledger ledger;
    private final Policies policies;
    private final Cards cards;
    private final ComplaintReports complaints;
    private final RiskBadges badges;
    private final String custodyAccount;
    private final Shards shards;

    Storefront(Products products, Merchants merchants, Rules rules, Ledger ledger, Policies policies, Cards cards,
               ComplaintReports complaints, RiskBadges badges,
               @Value("${fangxin.bank.custody-account-number:FX-CUSTODY-410200-0001}") String custodyAccount,
               Shards shards) {
        this.shards = shards;
        this.complaints = complaints;
        this.badges = badges;
        this.products = products;
        this.merchants = merchants;
        this.rules = rules;
        this.ledger = ledger;
        this.policies = policies;
        this.cards = cards;
        this.custodyAccount = custodyAccount;
    }

    /** A product's page: the product (ACTIVE only, else 404), its merchant, contract, stores and protection. */
    public record ProductPageView(ProductView product, MerchantView merchant, ContractVersionView contract,
                                  List<StoreView> stores, MerchantProtectionView protection) { }

    /**
     * Active products of merchants that may sell, newest first, each with its merchant's protection badges. Every
     * merchant's: each shard answers its newest with its own merchants' badges, and the merge is cut (ADR 12 §8f).
     */
    public List<ProductCardView> home() {
        return shards.page((offset, rows) -> homeOfShard(rows), NEWEST_FIRST, 0, HOME_PRODUCTS_MAX);
    }

    private static final Comparator<ProductCardView> NEWEST_FIRST = Comparator
            .comparing((ProductCardView card) -> card.product().createdAt())
            .thenComparing(card -> card.product().id().toString()).reversed();

    private List<ProductCardView> homeOfShard(int limit) {
        Map<UUID, MerchantProtectionView> byMerchant = new HashMap<>();
        return products.publicCatalog(limit).stream()
                .map(product -> {
                    MerchantProtectionView protection = byMerchant.computeIfAbsent(product.merchantId(), this::protection)
                            .withRatio(products.supervisionRatio(product.id()).bp());
                    return new ProductCardView(product, protection.merchantName(), protection);
                }).toList();
    }

    public ProductPageView product(UUID productId) {
        ProductView product = products.find(productId).filter(p -> p.status() == ProductStatus.ACTIVE)
                .orElseThrow(() -> Rejection.notFound("product " + productId));
        MerchantView merchant = merchants.find(product.merchantId()).orElseThrow(() -> Rejection.notFound("merchant"));
        ContractVersionView contract = products.findContractVersion(product.currentVersionId()).orElseThrow();
        List<StoreView> stores = merchant.stores().stream().filter(s -> product.storeIds().contains(s.id())).toList();
        return new ProductPageView(product, merchant, contract, stores,
                protection(merchant).withRatio(products.supervisionRatio(productId).bp()));
    }

    /** How a purchase from the merchant is protected now (public facts for buyers; unknown merchant → 404). */
    public MerchantProtectionView protection(UUID merchantId) {
        return protection(merchants.find(merchantId).orElseThrow(() -> Rejection.notFound("merchant")));
    }

    /** How the card's unredeemed value is covered (holder, the merchant's people, operator, regulator; else 404/403). */
    public CardProtectionView cardProtection(Actor actor, UUID cardId) {
        CardView card = cards.view(actor, cardId);
        Money exposure = balance(AccountType.MERCHANT_ADVANCE, card.merchantId());
        Money deposit = balance(AccountType.RISK_DEPOSIT, card.merchantId());
        Money insured = policies.insuredCover(card.merchantId());
        CoverSplit split = CoverSplit.of(card.unredeemed().amountMinor(), card.advanceOutstanding().amountMinor(),
                exposure.amountMinor(), deposit.amountMinor(), insured.amountMinor());
        return new CardProtectionView(card.id(), card.unredeemed(), Money.fen(split.escrowMinor()),
                Money.fen(split.depositMinor()), Money.fen(split.insuranceMinor()), Money.fen(split.guaranteeFundMinor()));
    }

    private MerchantProtectionView protection(MerchantView merchant) {
        int ratio = rules.supervisionRatio(merchant.id(), merchant.regionCode(), merchant.sector().name(), Audience.ADULTS).bp();
        List<MerchantProtectionView.Policy> inForce = policies.covering(merchant.id()).stream()
                .map(this::policy).flatMap(Optional::stream).toList();
        ComplaintStatistics filed = complaints.statistics(merchant.id());
        // the risk tier in force and the 放心商户 badge (risk's public face); absent while the merchant is not rated
        RiskBadge risk = badges.of(List.of(merchant.id())).get(merchant.id());
        return new MerchantProtectionView(merchant.id(), merchant.legalName(), merchant.sector(), merchant.regionCode(),
                ratio, custodyAccount,
                balance(AccountType.RISK_DEPOSIT, merchant.id()), balance(AccountType.MERCHANT_ADVANCE, merchant.id()),
                inForce, true, risk == null ? null : risk.tier().name(), risk != null && risk.trusted(),
                new MerchantProtectionView.ComplaintStats(filed.filed(), filed.open(), filed.agreementPerformed()));
    }

    private Optional<MerchantProtectionView.Policy> policy(PolicyView policy) {
        return policies.productOf(policy).map(product -> new MerchantProtectionView.Policy(policy.policyNumber(),
                policy.insurerName(), product.name(), product.perMerchantLimit(), product.perConsumerLimit(), policy.endsOn()));
    }

    private Money balance(AccountType type, UUID merchantId) {
        return ledger.findAccount(type, merchantId, Money.CNY).map(AccountView::normalBalance).orElse(Money.zero(Money.CNY));
    }
}
