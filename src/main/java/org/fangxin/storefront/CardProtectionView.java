package org.fangxin.storefront;

import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * How a card's unredeemed value is protected, read from the books now: {@code escrow}
 * is the part of the card still in the custody account, {@code deposit} and {@code insurance} the card's share of its
 * merchant's risk deposit and insured cover, {@code guaranteeFund} what the platform's guarantee fund pays first for the
 * rest. The four add up to {@code unredeemed}.
 */
public record CardProtectionView(UUID cardId, Money unredeemed, Money escrow, Money deposit, Money insurance,
                                 Money guaranteeFund) {

    /** Share of the unredeemed value, in whole per cent, for the bar on the card page. */
    public long percentOf(Money part) {
        return unredeemed.amountMinor() == 0 ? 0 : part.amountMinor() * 100 / unredeemed.amountMinor();
    }
}
