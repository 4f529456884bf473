package org.fangxin.testing;

import java.util.Currency;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.fangxin.settlement.PayoutHolds;
import org.fangxin.shared.Money;

/** A {@link PayoutHolds} bean tests set per merchant (stands in for the card module's disputed redemptions). */
public class TestPayoutHolds implements PayoutHolds {

    private final Map<UUID, Money> held = new ConcurrentHashMap<>();

    public void hold(UUID merchantId, Money amount) {
        held.put(merchantId, amount);
    }

    public void release(UUID merchantId) {
        held.remove(merchantId);
    }

    @Override
    public Money heldFor(UUID merchantId, Currency currency) {
        Money amount = held.get(merchantId);
        return amount != null && amount.currency().equals(currency) ? amount : Money.zero(currency);
    }
}
