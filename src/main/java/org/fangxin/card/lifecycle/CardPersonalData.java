package org.fangxin.card.lifecycle;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.fangxin.card.CardStatus;
import org.fangxin.card.CardView;
import org.fangxin.identity.Actor;
import org.fangxin.identity.PersonalDataSection;
import org.springframework.stereotype.Component;

/** The consumer's cards in their data download; a card with value left keeps the account from being closed. */
@Component
class CardPersonalData implements PersonalDataSection {

    private static final int CARDS_MAX = 500;

    private final CardRegistry cards;

    CardPersonalData(CardRegistry cards) {
        this.cards = cards;
    }

    @Override
    public String name() {
        return "cards";
    }

    @Override
    public Object export(Actor consumer) {
        return cards.list(consumer, CARDS_MAX);
    }

    @Override
    public Optional<String> closureBlocker(Actor consumer) {
        List<CardView> withValue = cards.list(consumer, CARDS_MAX).stream()
                .filter(card -> EnumSet.of(CardStatus.ACTIVE, CardStatus.FROZEN).contains(card.status()))
                .filter(card -> card.unredeemed().isPositive())
                .toList();
        return withValue.isEmpty() ? Optional.empty() : Optional.of("card-value-left");
    }
}
