package org.fangxin.rules;

import java.util.Objects;
import org.fangxin.shared.Money;

/**
 * A purchase about to happen: caps are re-checked then (rules may have changed since the product was listed), with the
 * consumer's unredeemed prepaid value already held at the same merchant (renewals count towards the total cap).
 */
public record PurchaseProposal(ProductProposal.Kind kind, Money amount, Money heldAtMerchant, boolean buyerRealNameVerified) {

    public PurchaseProposal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(amount, "amount");
        heldAtMerchant = heldAtMerchant == null ? Money.zero(amount.currency()) : heldAtMerchant;
    }
}
