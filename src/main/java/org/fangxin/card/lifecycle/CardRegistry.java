package org.fangxin.card.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.fangxin.card.CardEventView;
import org.fangxin.card.CardStatus;
import org.fangxin.card.CardSurrendered;
import org.fangxin.card.CardView;
import org.fangxin.card.Cards;
import org.fangxin.card.domain.Card;
import org.fangxin.card.persistence.CardRepository;
import org.fangxin.card.persistence.CardRow;
import org.fangxin.card.persistence.SuspicionQueries;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The {@link Cards} facade: reading cards with access checks, their history, and surrender for refunds and expiry. */
@Service
@Transactional(readOnly = true)
public class CardRegistry implements Cards {

    public static final ProblemType CARD_NOT_ACTIVE = Card.NOT_ACTIVE;
    public static final int LIST_SIZE_MAX = 100;
    static final int EXPIRING_LIMIT_MAX = 500;

    private final CardRepository repository;
    private final SuspicionQueries suspicion;
    private final CardPostings postings;
    private final PeriodRelease release;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final InsurerHolds insurerHolds;
    private final InsurerSubrogation subrogation;
    private final Shards shards;

    CardRegistry(CardRepository repository, SuspicionQueries suspicion, CardPostings postings, PeriodRelease release,
                 AuditTrail audit, IdGenerator ids, Clock clock, ApplicationEventPublisher events,
                 InsurerHolds insurerHolds, InsurerSubrogation subrogation, Shards shards) {
        this.shards = shards;
        this.insurerHolds = insurerHolds;
        this.subrogation = subrogation;
        this.repository = repository;
        this.suspicion = suspicion;
        this.postings = postings;
        this.release = release;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public Optional<CardView> find(UUID cardId) {
        return repository.find(cardId).map(this::view);
    }

    @Override
    public CardView view(Actor actor, UUID cardId) {
        return view(readable(actor, cardId));
    }

    /**
     * The card row if the actor may see it: its holder, its merchant's people and operators. Regulators see cards only
     * as aggregates per merchant and region (the oversight dashboard), never a consumer's card.
     */
    public CardRow readable(Actor actor, UUID cardId) {
        CardRow card = repository.find(cardId).orElseThrow(() -> Rejection.notFound("card " + cardId));
        boolean mayRead = switch (actor.role()) {
            case CONSUMER -> card.holderId().equals(actor.userId());
            case MERCHANT_OWNER, MERCHANT_STAFF -> actor.worksFor(card.merchantId());
            case OPERATOR -> true;
            default -> throw forbidden();
        };
        if (!mayRead) {
            throw Rejection.notFound("card " + cardId);
        }
        return card;
    }

    /**
     * Consumers: their cards at every merchant; merchant people: their merchant's cards; operators: the first cards in
     * id order. The consumer's and the operator's lists ask each shard once for its first rows (ADR 12 §8f).
     */
    public List<CardView> list(Actor actor, int limit) {
        int size = Math.min(Math.max(limit, 1), LIST_SIZE_MAX);
        return switch (actor.role()) {
            case CONSUMER -> ofHolder(actor.userId(), size, (row, view) -> view);
            case MERCHANT_OWNER, MERCHANT_STAFF -> repository.ofMerchant(actor.merchantId(), size).stream().map(this::view).toList();
            case OPERATOR -> shards.page((offset, rows) -> repository.page(null, null, rows).stream().map(this::view).toList(),
                    Comparator.comparing((CardView card) -> card.id().toString()), 0, size);
            default -> throw forbidden();
        };
    }

    /**
     * The holder's newest cards at every merchant, each made into a {@code line} from its row and view on its own
     * shard: each shard answers its newest {@code size} by the indexed holder column, and the merge is cut to size.
     */
    public <T> List<T> ofHolder(UUID holderId, int size, BiFunction<CardRow, CardView, T> line) {
        return shards.page((offset, rows) -> repository.ofHolder(holderId, rows).stream()
                        .map(row -> new Held<>(row, line.apply(row, view(row)))).toList(), Held.NEWEST_FIRST, 0, size)
                .stream().map(Held::line).toList();
    }

    /** A card row and what was made of it on its shard, ordered as the holder's list is (newest purchase first). */
    private record Held<T>(CardRow row, T line) {
        static final Comparator<Held<?>> NEWEST_FIRST = Comparator.comparing((Held<?> held) -> held.row().purchasedAt())
                .thenComparing(held -> held.row().id().toString()).reversed();
    }

    private static Rejection forbidden() {
        return new Rejection(ProblemType.FORBIDDEN,
                "your role does not see cards (regulators see card aggregates on the oversight dashboard)");
    }

    public List<CardEventView> history(Actor actor, UUID cardId, int limit) {
        CardRow card = readable(actor, cardId);
        return repository.history(cardId, card.currency(), Math.min(Math.max(limit, 1), 500));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public CardView surrender(UUID cardId, CardStatus endStatus, String reason) {
        if (endStatus != CardStatus.REFUNDED && endStatus != CardStatus.EXPIRED) {
            throw new IllegalArgumentException("a card is surrendered as REFUNDED or EXPIRED, not " + endStatus);
        }
        CardRow row = repository.lock(cardId).orElseThrow(() -> Rejection.notFound("card " + cardId));
        Card card = row.card();
        if (card.status() != CardStatus.ACTIVE) {
            insurerHolds.requireNone(cardId);
        }
        Instant now = clock.instant();
        if (endStatus == CardStatus.EXPIRED) {
            // A pass that ran its term earned its days even if the release job has not run yet: never refund them.
            Card released = release.releaseLocked(card, now);
            if (released != card) {
                card = released;
                row = repository.lock(cardId).orElseThrow();
            }
        }
        CardSurrendered surrendered = card.surrender(endStatus, now).event();
        CardView before = view(row);
        repository.end(cardId, endStatus, before.unredeemed().amountMinor(), 0, now, reason);
        repository.addEvent(ids.next(), cardId, now, "SURRENDERED_" + endStatus, reason == null ? "" : reason,
                before.unredeemed().amountMinor(), null, null);
        audit.record("card.surrendered", "card", cardId, Map.of("status", before.status()),
                Map.of("status", endStatus, "unredeemed", before.unredeemed(), "reason", String.valueOf(reason)));
        events.publishEvent(surrendered);
        return before;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void settleSurrender(UUID cardId, Money refunded, Money advanceUnrecovered) {
        if (refunded.isNegative() || advanceUnrecovered.isNegative()) {
            throw new IllegalArgumentException("refunded and unrecovered advance are never negative");
        }
        CardRow card = repository.lock(cardId).orElseThrow(() -> Rejection.notFound("card " + cardId));
        if (card.status() != CardStatus.REFUNDED && card.status() != CardStatus.EXPIRED) {
            throw new IllegalStateException("card " + cardId + " is " + card.status() + ", not surrendered");
        }
        repository.settleEnded(cardId, refunded.amountMinor(), advanceUnrecovered.amountMinor());
        if (advanceUnrecovered.isPositive()) {
            repository.addEvent(ids.next(), cardId, clock.instant(), "ADVANCE_UNRECOVERED",
                    "advance not clawed back, still owed by the merchant", advanceUnrecovered.amountMinor(), null, null);
        }
    }

    @Override
    public boolean holdsLiveCardAt(UUID userId, UUID merchantId) {
        return repository.holdsLiveCardAt(userId, merchantId);
    }

    @Override
    public org.fangxin.card.LiveCardTotals liveCardsAt(UUID merchantId) {
        return repository.liveCardsAt(merchantId);
    }

    @Override
    @Transactional(readOnly = true)
    public List<org.fangxin.card.QuietMerchant> redemptionsStopped(Instant activeSince, Instant quietSince,
                                                                   LocalDate today, int liveCardsAtLeast, int earlierAtLeast, int limit) {
        return suspicion.redemptionsStopped(activeSince, quietSince, today, liveCardsAtLeast, earlierAtLeast, limit);
    }

    @Override
    @Transactional(readOnly = true)
    public List<org.fangxin.card.ConfirmationFailures> confirmationFailures(UUID merchantId, Instant from,
                                                                            Instant to, int consumersAtLeast, int limit) {
        return suspicion.confirmationFailures(merchantId, from, to, consumersAtLeast, limit);
    }

    @Override
    public List<CardView> expiringBefore(LocalDate date, int limit) {
        return repository.expiringBefore(date, Math.min(Math.max(limit, 1), EXPIRING_LIMIT_MAX)).stream().map(this::view).toList();
    }

    @Override
    public List<CardView> endingBetween(LocalDate from, LocalDate to, int limit) {
        return repository.endingBetween(from, to, Math.min(Math.max(limit, 1), EXPIRING_LIMIT_MAX)).stream()
                .map(this::view).toList();
    }

    /** The card as others see it, with its unredeemed value read from the ledger. */
    public CardView view(CardRow c) {
        return view(c, postings.unredeemed(c.id(), c.currency()));
    }

    static CardView view(CardRow c, Money unredeemed) {
        return new CardView(c.id(), c.holderId(), c.merchantId(), c.storeId(), c.productId(), c.contractVersionId(),
                c.paymentOrderId(), c.kind().name(), c.status(), money(c, c.paidMinor()), money(c, c.listPriceMinor()),
                money(c, c.earnedMinor()), money(c, c.refundedMinor()), unredeemed, money(c, c.advanceOutstandingMinor()),
                c.sessionsTotal(), c.sessionsRemaining(), c.validFrom(), c.validUntil(), c.purchasedAt(), c.firstRedeemedAt(),
                c.transferredFrom());
    }

    static Money money(CardRow card, long minor) {
        return new Money(minor, card.currency());
    }

    static boolean isHolder(Actor actor, CardRow card) {
        return actor.is(Role.CONSUMER) && card.holderId().equals(actor.userId());
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void holdForInsurer(UUID cardId, UUID claimId, Money paid) {
        insurerHolds.hold(cardId, claimId, paid);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public org.fangxin.card.Subrogation subrogateToInsurer(UUID cardId, UUID claimId, Money paid) {
        return subrogation.subrogate(cardId, claimId, paid);
    }

    @Override
    public Money insurerPaid(UUID cardId) {
        return insurerHolds.paid(cardId);
    }

    @Override
    public void requireNotHeldForInsurer(UUID cardId) {
        insurerHolds.requireNone(cardId);
    }
}
