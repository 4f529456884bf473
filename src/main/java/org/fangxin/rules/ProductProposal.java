package org.fangxin.rules;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.fangxin.shared.Money;

/**
 * What a merchant proposes to sell, in the terms the rule table speaks: the charge, its size and term, the contract
 * terms that rules limit, which required clauses the contract provides and every free text to scan for banned phrases.
 * {@code termMonths} or {@code termDays} is the time span the charge covers (validity or pass period).
 */
public record ProductProposal(Kind kind, Money price, Integer sessions, Integer termMonths, Integer termDays,
                              Integer coolingOffDays, Integer refundFeeBp, boolean transferable,
                              Set<String> clausesPresent, List<String> texts) {

    public enum Kind { SESSION_PACK, PERIOD_PASS, STORED_VALUE }

    public ProductProposal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(price, "price");
        clausesPresent = clausesPresent == null ? Set.of() : Set.copyOf(clausesPresent);
        texts = texts == null ? List.of() : texts.stream().filter(Objects::nonNull).toList();
    }
}
