package org.fangxin.catalog;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.catalog.domain.ContractDocument;
import org.fangxin.catalog.domain.Listing;
import org.fangxin.catalog.persistence.ProductRepository;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.merchant.MerchantScope;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.StoreView;
import org.fangxin.rules.ProductProposal;
import org.fangxin.rules.PurchaseProposal;
import org.fangxin.rules.MerchantRules;
import org.fangxin.rules.RuleSet;
import org.fangxin.rules.Audience;
import org.fangxin.rules.Rules;
import org.fangxin.rules.SupervisionRatio;
import org.fangxin.rules.Violation;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalog: merchant owners list products within the rule table and revise their contract terms (each revision an
 * immutable, hashed contract version); everyone may read active products and any contract version. Other tenants'
 * products answer "not found"; roles that may not act answer "forbidden".
 */
@Service
public class Products {

    /** The merchant is not ACTIVE or is on a public register that bars selling prepaid products. */
    public static final ProblemType MERCHANT_MAY_NOT_SELL = new ProblemType("merchant-may-not-sell", 409);
    /** The product was withdrawn: no new versions, no purchases. */
    public static final ProblemType PRODUCT_WITHDRAWN = new ProblemType("product-withdrawn", 409);
    public static final int PAGE_SIZE_MAX = 100;

    private final ProductRepository repository;
    private final Merchants merchants;
    private final Rules rules;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final ObjectProvider<MerchantStandings> standings;
    private final Shards shards;

    Products(ProductRepository repository, Merchants merchants, Rules rules, AuditTrail audit, IdGenerator ids, Clock clock,
             ObjectProvider<MerchantStandings> standings, Shards shards) {
        this.standings = standings;
        this.shards = shards;
        this.repository = repository;
        this.merchants = merchants;
        this.rules = rules;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    /** Lists a product for the owner's merchant; rule violations → 422 {@code rule-violation}, nothing written. */
    @Transactional
    public ProductView create(Actor actor, ProductDraft draft) {
        MerchantView merchant = sellingMerchantOf(actor);
        RuleSet ruleSet = approve(draft, merchant);
        Instant now = clock.instant();
        UUID productId = ids.next();
        ContractVersionView version = version(productId, 1, draft, merchant, ruleSet, now);
        ProductView product = new ProductView(productId, merchant.id(), draft.name().strip(), draft.description(), draft.kind(),
                ProductStatus.ACTIVE, draft.price(), draft.effectiveListPrice(), draft.faceValue(), draft.sessions(),
                draft.term(), draft.storeIds(), version.id(), 1, now, draft.audience());
        repository.insert(product, version, actor.username());
        audit.record("product.created", "product", productId, null,
                Map.of("product", product, "contractVersionId", version.id(), "contentSha256", version.contentSha256()));
        return product;
    }

    /** A dry run of {@link #create}: the rules the draft would break (empty = it may be listed). Writes nothing. */
    public List<Violation> check(Actor actor, ProductDraft draft) {
        MerchantView merchant = sellingMerchantOf(actor);
        Listing.validate(draft, merchant);
        return Listing.check(draft, merchant, rulesFor(merchant, draft.audience()), rules.today());
    }

    /** Publishes new contract terms for an active product as its next version; the old version stays as it was. */
    @Transactional
    public ContractVersionView revise(Actor actor, UUID productId, ContractTerms terms) {
        ProductView product = ownProduct(actor, productId);
        if (product.status() != ProductStatus.ACTIVE) {
            throw new Rejection(PRODUCT_WITHDRAWN, "product " + productId + " is withdrawn");
        }
        MerchantView merchant = sellingMerchantOf(actor);
        ContractVersionView current = repository.findVersion(product.currentVersionId()).orElseThrow();
        ProductDraft draft = draftOf(product, terms);
        RuleSet ruleSet = approve(draft, merchant);
        Instant now = clock.instant();
        ContractVersionView version = version(productId, product.versionCount() + 1, draft, merchant, ruleSet, now);
        repository.insertVersion(version, actor.username());
        repository.makeCurrent(productId, version.id(), product.versionCount(), now);
        audit.record("product.contract-revised", "product", productId,
                Map.of("contractVersionId", current.id(), "terms", current.content().terms(), "contentSha256", current.contentSha256()),
                Map.of("contractVersionId", version.id(), "terms", terms, "contentSha256", version.contentSha256()));
        return version;
    }

    /** Takes a product off sale for good; cards already sold are unaffected. */
    @Transactional
    public ProductView withdraw(Actor actor, UUID productId) {
        ProductView product = ownProduct(actor, productId);
        if (!repository.withdraw(productId, clock.instant())) {
            throw new Rejection(PRODUCT_WITHDRAWN, "product " + productId + " is already withdrawn");
        }
        ProductView after = repository.find(productId).orElseThrow();
        audit.record("product.withdrawn", "product", productId, Map.of("status", product.status()), Map.of("status", after.status()));
        return after;
    }

    /**
     * Merchant side: their own products. Operators: all products; regulators: those of merchants in their scope.
     * Consumers and others: the public
     * catalog (use {@link #publicCatalog}). Newest first, at most {@value #PAGE_SIZE_MAX}.
     */
    public List<ProductView> list(Actor actor, int limit) {
        int size = Math.min(Math.max(limit, 1), PAGE_SIZE_MAX);
        if (actor.role().isMerchantSide()) {
            return repository.ofMerchant(actor.merchantId(), size);
        }
        if (actor.is(Role.OPERATOR, Role.REGULATOR)) {
            // every merchant: each shard answers its newest, and the merge is cut (ADR 12 §8f)
            return shards.page((offset, rows) -> repository.all(rows, MerchantScope.of(actor)), NEWEST_FIRST, 0, size);
        }
        throw new Rejection(ProblemType.FORBIDDEN, "your role sees the public catalog at /api/v1/public/products");
    }

    /** The staff's order: newest first, ties by the id's text (PostgreSQL's order for uuid). */
    private static final Comparator<ProductView> NEWEST_FIRST = Comparator.comparing(ProductView::createdAt)
            .thenComparing(product -> product.id().toString()).reversed();

    /** Active products of merchants that may sell now: what anyone, even anonymous, may browse and buy. */
    public List<ProductView> publicCatalog(int limit) {
        int size = Math.min(Math.max(limit, 1), PAGE_SIZE_MAX);
        Map<UUID, Boolean> selling = new HashMap<>();
        List<ProductView> result = new ArrayList<>();
        for (ProductView product : repository.active(PAGE_SIZE_MAX * 2)) {
            boolean maySell = selling.computeIfAbsent(product.merchantId(),
                    id -> merchants.find(id).map(m -> m.reasonItMayNotSell().isEmpty()).orElse(false));
            if (maySell && result.size() < size) {
                result.add(product);
            }
        }
        return withStandings(result);
    }

    /** The products with their merchants' tier and badge (where consumers choose products). */
    public List<ProductView> withStandings(List<ProductView> list) {
        Map<UUID, MerchantStanding> known = new HashMap<>();
        standings.orderedStream().forEach(source -> source.of(list.stream().map(ProductView::merchantId).distinct().toList())
                .forEach(known::putIfAbsent));
        return list.stream().map(p -> known.containsKey(p.merchantId()) ? p.withStanding(known.get(p.merchantId())) : p).toList();
    }

    /**
     * One product (with its merchant's standing): its merchant's people and operators/regulators see any state; others
     * only active products. A regulator limited to a region or sector sees only its merchants' products (the public
     * catalog shows the rest).
     */
    public ProductView view(Actor actor, UUID productId) {
        ProductView product = repository.find(productId).orElseThrow(() -> Rejection.notFound("product " + productId));
        if (actor.role().isMerchantSide() ? !actor.worksFor(product.merchantId())
                : !actor.is(Role.OPERATOR, Role.REGULATOR) && product.status() != ProductStatus.ACTIVE) {
            throw Rejection.notFound("product " + productId);
        }
        if (actor.is(Role.REGULATOR) && actor.scoped()
                && !merchants.find(product.merchantId()).map(MerchantScope.of(actor)::covers).orElse(false)) {
            throw Rejection.notFound("product " + productId);
        }
        return withStandings(List.of(product)).get(0);
    }

    /** All contract versions of a product the actor may see, oldest first. */
    public List<ContractVersionView> versions(Actor actor, UUID productId) {
        return repository.versions(view(actor, productId).id());
    }

    /** A contract version: public, like a printed contract handed to anyone who asks. */
    public ContractVersionView contract(UUID versionId) {
        return repository.findVersion(versionId).orElseThrow(() -> Rejection.notFound("contract version " + versionId));
    }

    /** For other modules (no access check). */
    public Optional<ProductView> find(UUID productId) {
        return repository.find(productId);
    }

    /**
     * For other modules (no access check): the product with the summary of its current contract version, in one read
     * without the contract's text (a purchase's order).
     */
    public Optional<ProductOnSale> findOnSale(UUID productId) {
        return repository.findOnSale(productId);
    }

    /** For other modules (no access check): e.g. a purchase records the version the consumer accepted. */
    public Optional<ContractVersionView> findContractVersion(UUID versionId) {
        return repository.findVersion(versionId);
    }

    /**
     * Re-checks at purchase time what could have changed since listing: the product is active, its merchant may sell,
     * the store is one of the product's, the caps of today's rule table (single amount, the consumer's total held at
     * the merchant, real name) and that a card bought today ends before the store's lease. Unknown product → 404,
     * withdrawn → 409, merchant barred → 409; rule breaches are returned (empty = the purchase may go ahead).
     */
    public List<Violation> checkPurchase(UUID productId, UUID storeId, Money heldAtMerchant, boolean buyerRealNameVerified) {
        ProductView product = repository.find(productId).orElseThrow(() -> Rejection.notFound("product " + productId));
        MerchantView merchant = merchants.find(product.merchantId()).orElseThrow(() -> Rejection.notFound("product " + productId));
        return checkPurchase(product, merchant, storeId, heldAtMerchant, buyerRealNameVerified);
    }

    /** {@link #checkPurchase(UUID, UUID, Money, boolean)} for a caller that has just read the product and its merchant. */
    public List<Violation> checkPurchase(ProductView product, MerchantView merchant, UUID storeId, Money heldAtMerchant,
                                         boolean buyerRealNameVerified) {
        return checkPurchase(product, merchant, storeId, heldAtMerchant, buyerRealNameVerified,
                rulesFor(merchant, product.audience()));
    }

    /**
     * An order's checks ({@link #checkPurchase(ProductView, MerchantView, UUID, Money, boolean)}) and, where it may go
     * ahead, the supervision ratio it keeps ({@link #supervisionRatio(ProductView, MerchantView, ContractVersionView)}),
     * from one read of the rule table. Same rejections as the checks; a null ratio when there are violations.
     */
    public OrderCheck checkOrder(ProductView product, MerchantView merchant, ContractSummary contract, UUID storeId,
                                 Money heldAtMerchant, boolean buyerRealNameVerified) {
        MerchantRules merchantRules = rules.merchantRules(merchant.id(), merchant.regionCode(), merchant.sector().name(),
                product.audience());
        List<Violation> violations = checkPurchase(product, merchant, storeId, heldAtMerchant, buyerRealNameVerified,
                merchantRules.rules());
        return new OrderCheck(violations, violations.isEmpty()
                ? promised(product, contract).atLeast(merchantRules.supervisionRatio()) : null);
    }

    private List<Violation> checkPurchase(ProductView product, MerchantView merchant, UUID storeId, Money heldAtMerchant,
                                          boolean buyerRealNameVerified, RuleSet ruleSet) {
        UUID productId = product.id();
        if (!product.merchantId().equals(merchant.id())) {
            throw new IllegalArgumentException("merchant " + merchant.id() + " does not sell product " + productId);
        }
        if (product.status() != ProductStatus.ACTIVE) {
            throw new Rejection(PRODUCT_WITHDRAWN, "product " + productId + " is no longer sold");
        }
        merchant.reasonItMayNotSell().ifPresent(reason -> {
            throw new Rejection(MERCHANT_MAY_NOT_SELL, "this merchant may not sell prepaid products now: " + reason);
        });
        if (!product.storeIds().contains(storeId)) {
            throw Rejection.invalid("storeId", "the product is not valid at store " + storeId);
        }
        StoreView store = merchant.store(storeId).orElseThrow(() -> Rejection.invalid("storeId", "unknown store " + storeId));
        List<Violation> violations = new ArrayList<>(ruleSet.checkPurchase(new PurchaseProposal(
                ProductProposal.Kind.valueOf(product.kind().name()), product.price(), heldAtMerchant, buyerRealNameVerified)));
        violations.addAll(Listing.leaseViolations(product.term(), List.of(store), rules.today()));
        return List.copyOf(violations);
    }

    /**
     * The caps of today's rule table for a purchase of {@code amount} by a consumer already holding {@code held} at the
     * product's merchant (single amount, consumer total, real name): re-checked when a paid purchase issues its card.
     */
    public List<Violation> checkPurchaseCaps(UUID productId, Money amount, Money held, boolean buyerRealNameVerified) {
        ProductView product = repository.find(productId).orElseThrow(() -> Rejection.notFound("product " + productId));
        MerchantView merchant = merchants.find(product.merchantId()).orElseThrow(() -> Rejection.notFound("product " + productId));
        return checkPurchaseCaps(product, merchant, amount, held, buyerRealNameVerified);
    }

    /** {@link #checkPurchaseCaps(UUID, Money, Money, boolean)} for a caller holding the product and its merchant. */
    public List<Violation> checkPurchaseCaps(ProductView product, MerchantView merchant, Money amount, Money held,
                                             boolean buyerRealNameVerified) {
        return rulesFor(merchant, product.audience()).checkPurchase(new PurchaseProposal(
                ProductProposal.Kind.valueOf(product.kind().name()), amount, held, buyerRealNameVerified));
    }

    private RuleSet approve(ProductDraft draft, MerchantView merchant) {
        Listing.validate(draft, merchant);
        RuleSet ruleSet = rulesFor(merchant, draft.audience());
        List<Violation> violations = Listing.check(draft, merchant, ruleSet, rules.today());
        if (!violations.isEmpty()) {
            throw Rules.violated(violations);
        }
        return ruleSet;
    }

    /**
     * The supervision ratio a purchase of the product made now keeps: what its current contract version states, or
     * the ratio required today where that is stricter (a contract promises at least its ratio). The single source for
     * the purchase, the purchase page and anyone showing it. For other modules, no access check.
     */
    public SupervisionRatio supervisionRatio(UUID productId) {
        ProductView product = repository.find(productId).orElseThrow(() -> Rejection.notFound("product " + productId));
        MerchantView merchant = merchants.find(product.merchantId()).orElseThrow(() -> Rejection.notFound("product " + productId));
        return supervisionRatio(product, merchant, repository.findVersion(product.currentVersionId()).orElseThrow());
    }

    /** {@link #supervisionRatio(UUID)} for a caller holding the product, its merchant and its current version. */
    public SupervisionRatio supervisionRatio(ProductView product, MerchantView merchant, ContractVersionView version) {
        return promised(product, new ContractSummary(version.id(), version.number(), version.contentSha256(),
                version.content().supervisionRatioBp())).atLeast(rules.supervisionRatio(merchant.id(),
                merchant.regionCode(), merchant.sector().name(), product.audience()));
    }

    /** What the product's current contract version states (a contract promises at least its ratio). */
    private static SupervisionRatio promised(ProductView product, ContractSummary contract) {
        if (!contract.id().equals(product.currentVersionId())) {
            throw new IllegalArgumentException("version " + contract.id() + " is not the current one of " + product.id());
        }
        return new SupervisionRatio(contract.supervisionRatioBp(),
                "contract version " + contract.number() + " (" + contract.contentSha256().substring(0, 12) + ")");
    }

    /**
     * The cooling-off days of a card bought under {@code contractVersionId}: the contract's, or the rule table's minimum
     * where longer. The one source for the refund (a full refund inside them) and the card (a pass earns nothing in
     * them). For other modules, no access check.
     */
    public int coolingOffDays(UUID productId, UUID contractVersionId) {
        ContractVersionView version = repository.findVersion(contractVersionId)
                .orElseThrow(() -> Rejection.notFound("contract version " + contractVersionId));
        Integer ruleMin = rulesOf(productId).values().coolingOffDaysMin();
        return Math.max(version.content().terms().coolingOffDays(), ruleMin == null ? 0 : ruleMin);
    }

    /** The rules of the merchant's region and sector for a product sold to {@code audience}. */
    private RuleSet rulesFor(MerchantView merchant, Audience audience) {
        return rules.effectiveRules(merchant.regionCode(), merchant.sector().name(), audience);
    }

    /**
     * The rules that govern a product: its merchant's region and sector and the product's audience (refunds read the
     * cooling-off minimum and the fee cap from them). For other modules, no access check.
     */
    public RuleSet rulesOf(UUID productId) {
        ProductView product = repository.find(productId).orElseThrow(() -> Rejection.notFound("product " + productId));
        MerchantView merchant = merchants.find(product.merchantId()).orElseThrow(() -> Rejection.notFound("product " + productId));
        return rulesFor(merchant, product.audience());
    }

    private ContractVersionView version(UUID productId, int number, ProductDraft draft, MerchantView merchant, RuleSet ruleSet,
                                        Instant now) {
        SupervisionRatio ratio = rules.supervisionRatio(merchant.id(), merchant.regionCode(), merchant.sector().name(),
                draft.audience());
        ContractContent content = ContractDocument.content(draft, merchant, ratio.bp());
        String text = ContractDocument.canonicalText(content);
        return new ContractVersionView(ids.next(), productId, merchant.id(), number, content, text,
                ContractDocument.sha256(text), now);
    }

    /**
     * For other modules (no access check): re-issues the contract of each active product of the merchant whose terms
     * changed (the supervision ratio after a risk rating), as its next version; products whose contract text would not
     * change keep their version. Cards already sold keep the version they were sold under. Answers how many changed.
     */
    @Transactional
    public int restateContracts(UUID merchantId, String reason) {
        MerchantView merchant = merchants.find(merchantId).orElse(null);
        if (merchant == null) {
            return 0;
        }
        Instant now = clock.instant();
        int restated = 0;
        for (ProductView product : repository.ofMerchant(merchantId, PAGE_SIZE_MAX)) {
            if (product.status() != ProductStatus.ACTIVE) {
                continue;
            }
            ContractVersionView current = repository.findVersion(product.currentVersionId()).orElseThrow();
            ContractVersionView next = version(product.id(), product.versionCount() + 1,
                    draftOf(product, current.content().terms()), merchant, rulesFor(merchant, product.audience()), now);
            if (next.contentSha256().equals(current.contentSha256())) {
                continue;
            }
            repository.insertVersion(next, "system:" + reason);
            repository.makeCurrent(product.id(), next.id(), product.versionCount(), now);
            audit.record("product.contract-restated", "product", product.id(),
                    Map.of("contractVersionId", current.id(), "supervisionRatioBp", current.content().supervisionRatioBp()),
                    Map.of("contractVersionId", next.id(), "supervisionRatioBp", next.content().supervisionRatioBp(),
                            "reason", reason));
            restated++;
        }
        return restated;
    }

    private MerchantView sellingMerchantOf(Actor actor) {
        if (!actor.is(Role.MERCHANT_OWNER)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only a merchant's owner lists products and writes their contracts");
        }
        MerchantView merchant = merchants.find(actor.merchantId())
                .orElseThrow(() -> Rejection.notFound("merchant " + actor.merchantId()));
        merchant.reasonItMayNotSell().ifPresent(reason -> {
            throw new Rejection(MERCHANT_MAY_NOT_SELL, "this merchant may not sell prepaid products now: " + reason,
                    Map.of("reason", reason));
        });
        return merchant;
    }

    private ProductView ownProduct(Actor actor, UUID productId) {
        if (!actor.is(Role.MERCHANT_OWNER)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only a merchant's owner changes its products");
        }
        return repository.find(productId).filter(p -> actor.worksFor(p.merchantId()))
                .orElseThrow(() -> Rejection.notFound("product " + productId));
    }

    private static ProductDraft draftOf(ProductView product, ContractTerms terms) {
        return new ProductDraft(product.name(), product.description(), product.kind(), product.price(), product.listPrice(),
                product.faceValue(), product.sessions(), product.term(), product.storeIds(), terms, product.audience());
    }

    /** Today in the rule table's calendar; exposed for pages that show dates. */
    LocalDate today() {
        return rules.today();
    }
}
