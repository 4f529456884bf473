package org.fangxin.card.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.card.CardStatus;
import org.fangxin.card.ClosureCards;
import org.fangxin.card.domain.Entitlement;
import org.fangxin.card.domain.Validity;
import org.fangxin.card.persistence.CardRepository;
import org.fangxin.card.persistence.CardRow;
import org.fangxin.card.persistence.ClosureCardRepository;
import org.fangxin.catalog.ContractVersionView;
import org.fangxin.catalog.ProductStatus;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.Products;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Component;

/**
 * A closed merchant's card moves to a successor merchant that took over its customers (转店/续课): the old card ends
 * TRANSFERRED with its whole unredeemed value U, and a new ACTIVE card of the successor's product, worth U, continues it
 * (same holder, {@code transferredFrom} = the old card, so money owed on it later is paid by hand, not to the first
 * payment). The new card's units are the product's scaled by U / price (sessions and days rounded up, in the
 * consumer's favour; face value pro rata). No ledger access here: the caller knows U and credits the new card's
 * CARD_LIABILITY.
 */
@Component
class CompensationTakeover {

    static final ProblemType PRODUCT_NOT_OFFERED = new ProblemType("takeover-product-not-offered", 409);

    private final CardRepository repository;
    private final ClosureCardRepository closureCards;
    private final Products products;
    private final Merchants merchants;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;

    CompensationTakeover(CardRepository repository, ClosureCardRepository closureCards,
                         Products products, Merchants merchants, AuditTrail audit, IdGenerator ids, Clock clock) {
        this.repository = repository;
        this.closureCards = closureCards;
        this.products = products;
        this.merchants = merchants;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    /** The successor's product a takeover card is issued of, if it is one of the merchant's ACTIVE products. */
    Optional<ProductView> offered(UUID successorId, UUID productId) {
        return products.find(productId).filter(p -> p.merchantId().equals(successorId) && p.status() == ProductStatus.ACTIVE);
    }

    /**
     * Answers the new card's id. The old card must be held (FROZEN or ACTIVE); its whole unredeemed value is
     * {@code order.unredeemed()}. Runs in the caller's transaction.
     */
    UUID takeOver(ClosureCards.ToCompensate order, UUID successorId, UUID productId, String reason) {
        UUID cardId = order.cardId();
        CardRow old = ClosureCardDesk.held(repository.lock(cardId).orElse(null), cardId);
        ProductView product = offered(successorId, productId).orElseThrow(() -> new Rejection(PRODUCT_NOT_OFFERED,
                "product " + productId + " is not an ACTIVE product of merchant " + successorId));
        MerchantView successor = merchants.find(successorId).orElseThrow(() -> Rejection.notFound("merchant " + successorId));
        ContractVersionView contract = products.findContractVersion(product.currentVersionId()).orElseThrow();
        long value = order.unredeemed().amountMinor();
        long advanceSettledMinor = order.advanceSettled().amountMinor();
        Instant now = clock.instant();
        repository.end(cardId, CardStatus.TRANSFERRED, 0, value, now, reason);
        long unrecovered = Math.max(0, old.advanceOutstandingMinor() - advanceSettledMinor);
        if (unrecovered > 0) {
            closureCards.addUnrecovered(cardId, unrecovered);
        }
        long excess = advanceSettledMinor - old.advanceOutstandingMinor();
        if (excess > 0 && closureCards.reduceUnrecoveredAdvance(old.merchantId(), excess) != excess) {
            throw new IllegalStateException("merchant " + old.merchantId() + " has less unrecovered advance than " + excess);
        }
        return issue(old, product, successor, contract, value, now, reason);
    }

    /** The new ACTIVE card at the successor worth {@code value}, with its history and the audit entry. */
    private UUID issue(CardRow old, ProductView product, MerchantView successor, ContractVersionView contract, long value,
                       Instant now, String reason) {
        UUID cardId = old.id();
        UUID successorId = successor.id();
        long price = product.price().amountMinor();
        Entitlement.Kind kind = Entitlement.Kind.valueOf(product.kind().name());
        LocalDate from = LocalDate.ofInstant(now, successor.zone());
        LocalDate until = product.term().lastDayFrom(from);
        Integer sessions = null;
        Long face = null;
        switch (kind) {
            case SESSION_PACK -> sessions = (int) Math.max(1, ceil((long) product.sessions() * value, price));
            case PERIOD_PASS -> {
                long days = java.time.temporal.ChronoUnit.DAYS.between(from, until) + 1;
                until = from.plusDays(Math.max(1, ceil(days * value, price)) - 1);
            }
            case STORED_VALUE -> face = Math.max(1, ceil(product.faceValue().amountMinor() * value, price));
        }
        Entitlement entitlement = Entitlement.issued(kind, old.money(value), old.money(0), sessions,
                face == null ? null : old.money(face), new Validity(from, until));
        UUID newId = ids.next();
        CardRow card = new CardRow(newId, old.purchaseId(), old.id(), old.holderId(), successorId, product.storeIds().get(0),
                product.id(), product.name(), kind, contract.id(), contract.contentSha256(), old.paymentOrderId(),
                CardStatus.ACTIVE, old.currency(), value, value, 0, 0, 0, 0, 0, entitlement.sessionsTotal(),
                entitlement.sessionsRemaining(), face, face, from, until, successor.zone(), null, now, null);
        repository.insertCard(card);
        repository.addEvent(ids.next(), cardId, now, "TAKEN_OVER", reason, value, null, newId);
        repository.addEvent(ids.next(), newId, now, "ISSUED_BY_TAKEOVER", "continues card " + cardId + " of a closed merchant",
                value, sessions, cardId);
        audit.record("card.taken-over", "card", cardId, Map.of("status", old.status()),
                Map.of("status", CardStatus.TRANSFERRED, "successorCard", newId, "merchant", successorId, "valueMinor", value));
        return newId;
    }

    private static long ceil(long numerator, long denominator) {
        return Math.floorDiv(numerator + denominator - 1, denominator);
    }
}
