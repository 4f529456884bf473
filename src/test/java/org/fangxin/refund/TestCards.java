package org.fangxin.refund;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.fangxin.card.CardStatus;
import org.fangxin.card.CardView;
import org.fangxin.card.Cards;
import org.fangxin.identity.Actor;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * A stand-in for the card module while it is built in parallel: cards held in memory whose money moves through the
 * real ledger with the postings of docs/ledger.md (purchase, escrow funding, advance and its payout, redemption with
 * advance netting). It is registered only when no real {@link Cards} bean exists, so it steps aside once the card
 * module is merged.
 */
public class TestCards implements Cards {

    private final Ledger ledger;
    private final Map<UUID, CardView> cards = new ConcurrentHashMap<>();

    public TestCards(Ledger ledger) {
        this.ledger = ledger;
    }

    /** Issues an ACTIVE card for a paid order and posts purchase, escrow funding and (if any) the advance paid out. */
    public CardView issue(UUID holder, UUID merchant, UUID contractVersionId, UUID paymentOrderId, String kind,
                          Money paid, Money listPrice, Integer sessions, LocalDate validFrom, LocalDate validUntil,
                          Instant purchasedAt, Money advance) {
        UUID id = UUID.randomUUID();
        post("purchase:" + id, EntryLine.debit(account(AccountType.CONSUMER_FUNDS_CLEARING, null, paid), paid),
                EntryLine.credit(account(AccountType.CARD_LIABILITY, id, paid), paid));
        post("escrow-funding:" + id, EntryLine.debit(account(AccountType.ESCROW, merchant, paid), paid),
                EntryLine.credit(account(AccountType.CONSUMER_FUNDS_CLEARING, null, paid), paid));
        if (advance.isPositive()) {
            post("advance:" + id, EntryLine.debit(account(AccountType.MERCHANT_ADVANCE, merchant, paid), advance),
                    EntryLine.credit(account(AccountType.MERCHANT_SETTLEMENT, merchant, paid), advance));
            post("payout-confirmed:advance:" + id, EntryLine.debit(account(AccountType.MERCHANT_SETTLEMENT, merchant, paid), advance),
                    EntryLine.credit(account(AccountType.ESCROW, merchant, paid), advance));
        }
        Money zero = Money.zero(paid.currency());
        CardView card = new CardView(id, holder, merchant, UUID.randomUUID(), UUID.randomUUID(), contractVersionId,
                paymentOrderId, kind, CardStatus.ACTIVE, paid, listPrice, zero, zero, paid, advance, sessions, sessions,
                validFrom, validUntil, purchasedAt, null);
        cards.put(id, card);
        return card;
    }

    /** Redeems sessions (value paid × 1/total each, the last one takes the remainder) and nets the advance. */
    public CardView redeemSessions(UUID cardId, int count, Instant at) {
        CardView card = cards.get(cardId);
        Money value = Money.zero(card.paid().currency());
        int remaining = card.sessionsRemaining();
        for (int i = 0; i < count; i++) {
            Money before = card.paid().fraction(remaining, card.sessionsTotal(), java.math.RoundingMode.FLOOR);
            remaining--;
            value = value.plus(before.minus(card.paid().fraction(remaining, card.sessionsTotal(), java.math.RoundingMode.FLOOR)));
        }
        return earn(card, value, remaining, at);
    }

    /** Earns value directly (days of a pass, amounts of stored value). */
    public CardView earn(UUID cardId, Money value, Instant at) {
        CardView card = cards.get(cardId);
        return earn(card, value, card.sessionsRemaining(), at);
    }

    private CardView earn(CardView card, Money value, Integer remaining, Instant at) {
        Money netted = value.min(card.advanceOutstanding());
        Money payable = value.minus(netted);
        var lines = new java.util.ArrayList<EntryLine>();
        lines.add(EntryLine.debit(account(AccountType.CARD_LIABILITY, card.id(), value), value));
        if (payable.isPositive()) {
            lines.add(EntryLine.credit(account(AccountType.MERCHANT_PAYABLE, card.merchantId(), value), payable));
        }
        if (netted.isPositive()) {
            lines.add(EntryLine.credit(account(AccountType.MERCHANT_ADVANCE, card.merchantId(), value), netted));
        }
        ledger.post(new NewTransfer("redemption:" + UUID.randomUUID(), "test redemption", lines));
        CardView after = new CardView(card.id(), card.holderUserId(), card.merchantId(), card.storeId(), card.productId(),
                card.contractVersionId(), card.paymentOrderId(), card.kind(), card.status(), card.paid(), card.listPrice(),
                card.earned().plus(value), card.refunded(), card.unredeemed().minus(value),
                card.advanceOutstanding().minus(netted), card.sessionsTotal(), remaining, card.validFrom(),
                card.validUntil(), card.purchasedAt(), card.firstRedeemedAt() == null ? at : card.firstRedeemedAt());
        cards.put(card.id(), after);
        return after;
    }

    public List<CardView> ofMerchant(UUID merchantId) {
        return cards.values().stream().filter(c -> c.merchantId().equals(merchantId)).toList();
    }

    @Override
    public Optional<CardView> find(UUID cardId) {
        return Optional.ofNullable(cards.get(cardId));
    }

    @Override
    public CardView view(Actor actor, UUID cardId) {
        return find(cardId).filter(c -> c.holderUserId().equals(actor.userId()))
                .orElseThrow(() -> Rejection.notFound("card " + cardId));
    }

    @Override
    public synchronized CardView surrender(UUID cardId, CardStatus endStatus, String reason) {
        CardView card = cards.get(cardId);
        if (card == null || card.status() != CardStatus.ACTIVE) {
            throw new Rejection(new ProblemType("card-not-active", 409), "card is not active");
        }
        Money zero = Money.zero(card.paid().currency());
        cards.put(cardId, new CardView(card.id(), card.holderUserId(), card.merchantId(), card.storeId(), card.productId(),
                card.contractVersionId(), card.paymentOrderId(), card.kind(), endStatus, card.paid(), card.listPrice(),
                card.earned(), card.unredeemed(), zero, zero, card.sessionsTotal(), card.sessionsRemaining(),
                card.validFrom(), card.validUntil(), card.purchasedAt(), card.firstRedeemedAt()));
        return card;
    }

    @Override
    public List<CardView> expiringBefore(LocalDate date, int limit) {
        return cards.values().stream().filter(c -> c.status() == CardStatus.ACTIVE && c.validUntil().isBefore(date))
                .sorted(Comparator.comparing(CardView::validUntil)).limit(limit).toList();
    }

    private org.fangxin.ledger.AccountId account(AccountType type, UUID owner, Money currencyOf) {
        return ledger.open(type, owner, currencyOf.currency()).id();
    }

    private void post(String key, EntryLine... lines) {
        ledger.post(NewTransfer.of(key, "test card " + key, lines));
    }

    /** Registers {@link TestCards} unless the application defines a real {@link Cards}. */
    @Component
    static class Registrar implements BeanDefinitionRegistryPostProcessor {
        @Override
        public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
            if (registry instanceof ListableBeanFactory factory && factory.getBeanNamesForType(Cards.class, true, false).length > 0) {
                return;
            }
            RootBeanDefinition definition = new RootBeanDefinition(TestCards.class);
            definition.setRole(BeanDefinition.ROLE_APPLICATION);
            registry.registerBeanDefinition("testCards", definition);
        }
    }

    @Override
    public boolean holdsLiveCardAt(UUID userId, UUID merchantId) {
        return cards.values().stream().anyMatch(c -> c.holderUserId().equals(userId) && c.merchantId().equals(merchantId)
                && c.status() == CardStatus.ACTIVE);
    }

    @Override
    public org.fangxin.card.LiveCardTotals liveCardsAt(UUID merchantId) {
        var live = cards.values().stream().filter(c -> c.merchantId().equals(merchantId) && c.status() == CardStatus.ACTIVE).toList();
        return new org.fangxin.card.LiveCardTotals(live.size(),
                Money.fen(live.stream().mapToLong(c -> c.unredeemed().amountMinor()).sum()));
    }
}
