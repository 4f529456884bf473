package org.fangxin.card.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.fangxin.card.AdvanceLimits;
import org.fangxin.card.BuyCard;
import org.fangxin.card.CardStatus;
import org.fangxin.card.PurchaseStatus;
import org.fangxin.card.PurchaseView;
import org.fangxin.card.domain.Entitlement;
import org.fangxin.card.domain.Validity;
import org.fangxin.card.persistence.CardRepository;
import org.fangxin.card.persistence.PurchaseRepository;
import org.fangxin.card.persistence.SalesBlockRepository;
import org.fangxin.card.persistence.CardRow;
import org.fangxin.catalog.ContractSummary;
import org.fangxin.catalog.OrderCheck;
import org.fangxin.catalog.ProductOnSale;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.Products;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.payment.CreatePaymentOrder;
import org.fangxin.payment.PaymentConfirmed;
import org.fangxin.payment.PaymentOrderView;
import org.fangxin.payment.Payments;
import org.fangxin.payment.RequestRefund;
import org.fangxin.rules.Rules;
import org.fangxin.rules.Violation;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.OutsideTransaction;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Purchases: a consumer accepts the current contract version, the caps are checked again, a payment order is created;
 * the confirmed payment issues the card exactly once (the purchase row is locked and one card per purchase is a
 * unique index) and posts purchase, escrow funding and the advance in the same transaction.
 */
@Service
public class PurchaseDesk {

    public static final ProblemType CONTRACT_VERSION_OUTDATED = new ProblemType("contract-version-outdated", 409);
    public static final String REFERENCE_PREFIX = "purchase:";
    static final Duration TIME_TO_PAY = Duration.ofMinutes(15);

    private static final Logger LOG = LoggerFactory.getLogger(PurchaseDesk.class);

    private final CardRepository repository;
    private final PurchaseRepository purchases;
    private final CardPostings postings;
    private final Products products;
    private final Merchants merchants;
    private final Users users;
    private final Payments payments;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final SalesBlockRepository salesBlocks;
    private final ObjectProvider<AdvanceLimits> advanceLimits;
    private final TransactionTemplate transaction;

    private final Shards shards;

    PurchaseDesk(CardRepository repository, PurchaseRepository purchases, CardPostings postings, Products products,
                 Merchants merchants, Users users, Payments payments, AuditTrail audit, IdGenerator ids, Clock clock,
                 SalesBlockRepository salesBlocks, ObjectProvider<AdvanceLimits> advanceLimits,
                 TransactionTemplate transaction, Shards shards) {
        this.shards = shards;
        this.transaction = transaction;
        this.salesBlocks = salesBlocks;
        this.advanceLimits = advanceLimits;
        this.repository = repository;
        this.purchases = purchases;
        this.postings = postings;
        this.products = products;
        this.merchants = merchants;
        this.users = users;
        this.payments = payments;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Creates a purchase waiting for payment and places its payment order at the provider: the purchase and the order
     * commit first, then the provider is called outside any transaction ({@link #order} then {@link #checkout}).
     * Rule breaches → 422 rule-violation, nothing written; the provider unreachable → 424, the purchase stays pending.
     */
    public PurchaseView purchase(Actor actor, BuyCard command) {
        OutsideTransaction.require("a purchase");
        Ordered ordered = transaction.execute(status -> open(actor, command));
        return checkout(ordered);
    }

    /** A purchase just ordered and its payment order as opened, which {@link #checkout(Ordered)} places unread. */
    public record Ordered(PurchaseView purchase, PaymentOrderView paymentOrder) { }

    /**
     * The purchase and its payment order (not yet at the provider, no checkout URL), in the caller's transaction; the
     * caller commits, then calls {@link #checkout}. Rule breaches → 422 rule-violation, nothing written.
     */
    @Transactional
    public PurchaseView order(Actor actor, BuyCard command) {
        return open(actor, command).purchase();
    }

    /** {@link #order}, answering the payment order too, so that {@link #checkout(Ordered)} need not read it again. */
    @Transactional
    public Ordered open(Actor actor, BuyCard command) {
        if (!actor.is(Role.CONSUMER)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only consumers buy cards");
        }
        if (!Boolean.TRUE.equals(command.acceptContract())) {
            throw Rejection.invalid("acceptContract", "read and accept the contract to buy")
                    .withMessage("problem.card.accept-contract");
        }
        // the product and what the purchase records of its current contract, in one read without the contract's text
        ProductOnSale onSale = products.findOnSale(command.productId())
                .orElseThrow(() -> Rejection.notFound("product " + command.productId()));
        ProductView product = onSale.product();
        if (!product.currentVersionId().equals(command.contractVersionId())) {
            throw new Rejection(CONTRACT_VERSION_OUTDATED, "the contract changed: read and accept version "
                    + product.currentVersionId(), Map.of("currentVersionId", product.currentVersionId()));
        }
        ContractSummary version = onSale.contract();
        MerchantView merchant = merchants.find(product.merchantId()).orElseThrow();
        // Risk tier, closure case, deposit cover and overdue filing: one query over the views those modules publish,
        // asked for the merchant's own calendar day.
        salesBlocks.reasonToRefuse(merchant.id(), clock.instant(), merchant.zone()).ifPresent(reason -> {
            throw new Rejection(Products.MERCHANT_MAY_NOT_SELL, "this merchant may not sell prepaid products now: " + reason);
        });
        // Orders waiting for payment count: otherwise several unpaid orders placed together bypass the cap.
        repository.lockHolderAtMerchant(actor.userId(), product.merchantId());
        Money held = new Money(repository.heldAndPendingAtMerchant(actor.userId(), product.merchantId(),
                clock.instant().minus(TIME_TO_PAY)), product.price().currency());
        // the product, its merchant and version are passed on, not read again by the catalog; the checks and the
        // supervision ratio come from one read of the rule table
        OrderCheck check = products.checkOrder(product, merchant, version, command.storeId(), held,
                users.isRealNameVerified(actor.userId()));
        if (!check.violations().isEmpty()) {
            throw Rules.violated(check.violations());
        }
        int ratio = check.supervisionRatio().bp();
        UUID purchaseId = ids.next();
        PaymentOrderView order = payments.openOrder(new CreatePaymentOrder(REFERENCE_PREFIX + purchaseId, actor.userId(),
                merchant.id(), product.price(), product.name(), TIME_TO_PAY));
        PurchaseView purchase = new PurchaseView(purchaseId, actor.userId(), merchant.id(), command.storeId(), product.id(),
                product.name(), version.id(), version.contentSha256(), ratio,
                product.price(), PurchaseStatus.PENDING_PAYMENT, order.id(), null, clock.instant(), null, null);
        purchases.insertPurchase(purchase);
        audit.record("purchase.created", "purchase", purchaseId, null, purchase);
        return new Ordered(purchase, order);
    }

    /**
     * Places a committed purchase's payment order at the provider, outside any transaction, and answers the purchase
     * with the order's checkout URL (payment keeps it; the purchase row has none). Idempotent: a purchase with its URL,
     * or no longer pending, is answered as it is; a retry after a failed or lost provider call, or a concurrent one,
     * gets the same provider order (the provider is idempotent per order).
     */
    public PurchaseView checkout(PurchaseView purchase) {
        return placed(purchase, () -> payments.placeAtProvider(purchase.paymentOrderId()));
    }

    /**
     * {@link #checkout(PurchaseView)} right after {@link #open} committed: the payment order is placed as it was opened,
     * not read again (issue 15: one statement less per purchase).
     */
    public PurchaseView checkout(Ordered ordered) {
        return placed(ordered.purchase(), () -> payments.placeAtProvider(ordered.paymentOrder()));
    }

    private static PurchaseView placed(PurchaseView purchase, Supplier<PaymentOrderView> placement) {
        if (purchase.checkoutUrl() != null || purchase.status() != PurchaseStatus.PENDING_PAYMENT) {
            return purchase;
        }
        return withCheckoutUrl(purchase, placement.get().checkoutUrl());
    }

    /** The purchase for its consumer or an operator, with its order's checkout URL; anyone else gets "not found". */
    @Transactional(readOnly = true)
    public PurchaseView view(Actor actor, UUID purchaseId) {
        PurchaseView purchase = purchases.findPurchase(purchaseId).orElseThrow(() -> Rejection.notFound("purchase " + purchaseId));
        if (actor.is(Role.OPERATOR) || actor.is(Role.CONSUMER) && purchase.consumerId().equals(actor.userId())) {
            return withCheckoutUrl(purchase, payments.find(purchase.paymentOrderId()).map(PaymentOrderView::checkoutUrl).orElse(null));
        }
        if (actor.is(Role.CONSUMER) || actor.role().isMerchantSide()) {
            throw Rejection.notFound("purchase " + purchaseId);
        }
        throw new Rejection(ProblemType.FORBIDDEN, "your role does not see purchases");
    }

    private static PurchaseView withCheckoutUrl(PurchaseView purchase, String url) {
        return url == null ? purchase : new PurchaseView(purchase.id(), purchase.consumerId(), purchase.merchantId(),
                purchase.storeId(), purchase.productId(), purchase.productName(), purchase.contractVersionId(),
                purchase.contractSha256(), purchase.supervisionRatioBp(), purchase.amount(), purchase.status(),
                purchase.paymentOrderId(), url, purchase.createdAt(), purchase.paidAt(), purchase.cardId());
    }

    /** Consumers: their purchases; operators: all purchases, newest first. */
    @Transactional(readOnly = true)
    public List<PurchaseView> list(Actor actor, int limit) {
        int size = Math.min(Math.max(limit, 1), CardRegistry.LIST_SIZE_MAX);
        if (!actor.is(Role.CONSUMER) && !actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only consumers and operators list purchases");
        }
        UUID consumer = actor.is(Role.CONSUMER) ? actor.userId() : null;
        // every merchant's: each shard answers its newest (ADR 12 §8f), each purchase with its own shard's payment order
        return shards.page((offset, rows) -> withCheckoutUrls(purchases.purchases(consumer, rows)), NEWEST_FIRST, 0, size);
    }

    private static final Comparator<PurchaseView> NEWEST_FIRST = Comparator.comparing(PurchaseView::createdAt)
            .thenComparing(purchase -> purchase.id().toString()).reversed();

    private List<PurchaseView> withCheckoutUrls(List<PurchaseView> list) {
        Map<UUID, PaymentOrderView> orders = payments.findAll(list.stream().map(PurchaseView::paymentOrderId).toList());
        return list.stream().map(p -> withCheckoutUrl(p, orders.containsKey(p.paymentOrderId())
                ? orders.get(p.paymentOrderId()).checkoutUrl() : null)).toList();
    }

    /**
     * Issues the card of a confirmed purchase payment, exactly once: a second delivery finds the card and does
     * nothing. A confirmation that does not match the purchase (payer or amount) issues nothing and is logged.
     */
    @Transactional
    public Optional<UUID> issue(PaymentConfirmed event) {
        if (event.reference() == null || !event.reference().startsWith(REFERENCE_PREFIX)) {
            return Optional.empty();
        }
        UUID purchaseId;
        try {
            purchaseId = UUID.fromString(event.reference().substring(REFERENCE_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            LOG.error("payment {} names no purchase: {}", event.paymentOrderId(), event.reference());
            return Optional.empty();
        }
        Optional<PurchaseView> locked = purchases.lockPurchase(purchaseId);
        if (locked.isEmpty()) {
            LOG.error("payment {} confirms unknown purchase {}", event.paymentOrderId(), purchaseId);
            return Optional.empty();
        }
        PurchaseView purchase = locked.get();
        if (purchase.cardId() != null) {
            return Optional.of(purchase.cardId()); // the locked row carries its card: a second delivery reads no more
        }
        if (purchase.status() == PurchaseStatus.REFUSED) {
            return Optional.empty(); // refused at an earlier delivery: its payment is being refunded
        }
        if (!purchase.amount().equals(event.amount()) || !purchase.consumerId().equals(event.payerUserId())
                || !event.paymentOrderId().equals(purchase.paymentOrderId())) {
            LOG.error("payment {} does not match purchase {} (amount {}, payer {}): no card issued",
                    event.paymentOrderId(), purchaseId, event.amount(), event.payerUserId());
            return Optional.empty();
        }
        ProductView product = products.find(purchase.productId()).orElseThrow();
        MerchantView merchant = merchants.find(purchase.merchantId()).orElseThrow();
        if (refusedByCaps(purchase, product, merchant)) {
            return Optional.empty();
        }
        return Optional.of(issueCard(purchase, product, merchant, event.occurredAt()));
    }

    /**
     * Issuing re-checks the caps against the cards the consumer holds now (the rules may have changed, or other orders
     * been paid, since the order was placed). A breach issues no card: the purchase ends REFUSED and the whole payment
     * is refunded under {@code purchase-refused:<purchaseId>}.
     */
    private boolean refusedByCaps(PurchaseView purchase, ProductView product, MerchantView merchant) {
        repository.lockHolderAtMerchant(purchase.consumerId(), purchase.merchantId());
        Money held = new Money(repository.heldAtMerchant(purchase.consumerId(), purchase.merchantId()),
                purchase.amount().currency());
        List<Violation> violations = products.checkPurchaseCaps(product, merchant, purchase.amount(), held,
                users.isRealNameVerified(purchase.consumerId()));
        if (violations.isEmpty()) {
            return false;
        }
        String reason = String.join("; ", violations.stream().map(Violation::detail).toList());
        purchases.markPurchase(purchase.id(), PurchaseStatus.REFUSED, null);
        payments.refund(new RequestRefund(purchase.paymentOrderId(), "purchase-refused:" + purchase.id(), purchase.amount(),
                "purchase refused at issue: " + reason));
        audit.record("purchase.refused", "purchase", purchase.id(), purchase, Map.of("violations", violations));
        LOG.warn("purchase {} paid but refused at issue, payment refunded: {}", purchase.id(), reason);
        return true;
    }

    private UUID issueCard(PurchaseView purchase, ProductView product, MerchantView merchant, Instant paidAt) {
        LocalDate validFrom = LocalDate.ofInstant(paidAt, merchant.zone());
        LocalDate validUntil = product.term().lastDayFrom(validFrom);
        Money paid = purchase.amount();
        Money advance = capped(Entitlement.advanceFor(paid, purchase.supervisionRatioBp()), purchase.merchantId());
        Entitlement.Kind kind = Entitlement.Kind.valueOf(product.kind().name());
        Money face = kind == Entitlement.Kind.STORED_VALUE ? product.faceValue() : null;
        Entitlement entitlement = Entitlement.issued(kind, paid, advance,
                kind == Entitlement.Kind.SESSION_PACK ? product.sessions() : null, face, new Validity(validFrom, validUntil));
        UUID cardId = ids.next();
        Instant now = clock.instant();
        long listPrice = Math.max(product.listPrice().amountMinor(), paid.amountMinor());
        Long faceMinor = face == null ? null : face.amountMinor();
        CardRow card = new CardRow(cardId, purchase.id(), null, purchase.consumerId(), purchase.merchantId(),
                purchase.storeId(), purchase.productId(), purchase.productName(), kind, purchase.contractVersionId(),
                purchase.contractSha256(), purchase.paymentOrderId(), CardStatus.ACTIVE, paid.currency(),
                paid.amountMinor(), listPrice, 0, 0, 0, advance.amountMinor(), advance.amountMinor(),
                entitlement.sessionsTotal(), entitlement.sessionsRemaining(), faceMinor, faceMinor, validFrom, validUntil,
                merchant.zone(), null, paidAt, null);
        repository.insertCard(card);
        holdPassReleaseInCoolingOff(card);
        // the purchase's status and the card's history answer nothing: in the callback's command they are sent with its
        // last statements (CallbackIntake), elsewhere at once
        purchases.markPaidDeferred(purchase.id(), paidAt);
        postings.purchased(purchase.id(), cardId, purchase.merchantId(), paid, advance);
        repository.addEventDeferred(ids.next(), cardId, now, "ISSUED", "paid " + paid.format() + ", advance " + advance.format(),
                paid.amountMinor(), entitlement.sessionsTotal(), purchase.id());
        audit.record("card.issued", "card", cardId, null, Map.of("purchaseId", purchase.id(), "paid", paid,
                "advanceMinor", advance.amountMinor(), "validUntil", validUntil.toString()));
        return cardId;
    }

    /** The ratio's advance, lowered to the least allowance any cap gives the merchant now (no cap: unlimited). */
    private Money capped(Money advance, UUID merchantId) {
        long allowance = advanceLimits.orderedStream().map(limit -> limit.allowance(merchantId)).flatMap(Optional::stream)
                .mapToLong(money -> Math.max(0, money.amountMinor())).min().orElse(Long.MAX_VALUE);
        return allowance >= advance.amountMinor() ? advance : new Money(allowance, advance.currency());
    }

    /**
     * A pass with no visit recorded is unredeemed, so a return inside cooling-off gets everything back (docs/refund.md):
     * the pass earns nothing in the window; the first release after it earns the window's days.
     */
    private void holdPassReleaseInCoolingOff(CardRow card) {
        int days = card.kind() == Entitlement.Kind.PERIOD_PASS
                ? products.coolingOffDays(card.productId(), card.contractVersionId()) : 0;
        if (days > 0) {
            repository.holdRelease(card.id(), LocalDate.ofInstant(card.purchasedAt(), card.zone()).plusDays(days));
        }
    }

    /** The payment expired or failed: the purchase ends unpaid (a later confirmation is refunded by payments). */
    @Transactional
    public void unpaid(String reference, PurchaseStatus status) {
        if (reference == null || !reference.startsWith(REFERENCE_PREFIX)) {
            return;
        }
        try {
            UUID purchaseId = UUID.fromString(reference.substring(REFERENCE_PREFIX.length()));
            purchases.lockPurchase(purchaseId).filter(p -> p.status() == PurchaseStatus.PENDING_PAYMENT)
                    .ifPresent(p -> purchases.markPurchase(p.id(), status, null));
        } catch (IllegalArgumentException e) {
            LOG.warn("unpaid payment names no purchase: {}", reference);
        }
    }
}
