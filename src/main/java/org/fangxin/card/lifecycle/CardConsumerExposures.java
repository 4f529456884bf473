package org.fangxin.card.lifecycle;

import java.util.UUID;
import org.fangxin.card.persistence.CardRepository;
import org.fangxin.card.ConsumerExposures;
import org.fangxin.shared.Money;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The advance a merchant's live cards carry, per holder and capped at a claim's per-consumer limit (for insurance). */
@Component
class CardConsumerExposures implements ConsumerExposures {

    private final CardRepository repository;

    CardConsumerExposures(CardRepository repository) {
        this.repository = repository;
    }

    @Override
    @Transactional(readOnly = true)
    public Money cappedPerConsumer(UUID merchantId, Money perConsumerLimit) {
        return new Money(repository.advanceCappedPerHolder(merchantId, perConsumerLimit.currency().getCurrencyCode(),
                perConsumerLimit.amountMinor()), perConsumerLimit.currency());
    }
}
