package org.fangxin.card.lifecycle;

import java.util.Optional;
import java.util.UUID;
import org.fangxin.card.persistence.CardRepository;
import org.fangxin.ledger.AccountOwnerScope;
import org.fangxin.ledger.OwnerKind;
import org.fangxin.merchant.MerchantScope;
import org.fangxin.merchant.Merchants;
import org.springframework.stereotype.Component;

/**
 * Tells the ledger whether a merchant's or a card's account lies within a regulator's region and sector: a card's
 * account belongs to the card's merchant. Other owners (insurers) are not this module's to answer.
 */
@Component
class CardAccountOwners implements AccountOwnerScope {

    private final Merchants merchants;
    private final CardRepository cards;

    CardAccountOwners(Merchants merchants, CardRepository cards) {
        this.merchants = merchants;
        this.cards = cards;
    }

    @Override
    public Optional<Boolean> within(OwnerKind kind, UUID ownerId, String regionCode, String sector) {
        MerchantScope scope = new MerchantScope(regionCode, sector);
        return switch (kind) {
            case MERCHANT -> Optional.of(covers(scope, ownerId));
            case CARD -> Optional.of(cards.find(ownerId).map(card -> covers(scope, card.merchantId())).orElse(false));
            default -> Optional.empty();
        };
    }

    private boolean covers(MerchantScope scope, UUID merchantId) {
        return merchants.find(merchantId).map(scope::covers).orElse(false);
    }
}
