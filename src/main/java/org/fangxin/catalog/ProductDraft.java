package org.fangxin.catalog;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.fangxin.rules.Audience;
import org.fangxin.shared.Money;

/**
 * A product a merchant owner wants to list. {@code listPrice} (defaults to the price) may not be below the price; a
 * stored-value card names its {@code faceValue} (the balance the consumer gets, at least the price); a session pack
 * names its {@code sessions}. {@code term} is the pass period, or the validity of sessions or balance. {@code audience}
 * (default adults) says whether it is sold to minors, which brings the sector's rules for minors into force.
 */
public record ProductDraft(@NotBlank @Size(max = 100) String name,
                           @Size(max = 2000) String description,
                           @NotNull ProductKind kind,
                           @NotNull Money price,
                           Money listPrice,
                           Money faceValue,
                           @Positive @Max(10000) Integer sessions,
                           @NotNull @Valid Term term,
                           @NotEmpty @Size(max = 20) List<@NotNull UUID> storeIds,
                           @NotNull @Valid ContractTerms terms,
                           Audience audience) {

    /** A draft for adults (the audience stated only where minors are concerned). */
    public ProductDraft(String name, String description, ProductKind kind, Money price, Money listPrice, Money faceValue,
                        Integer sessions, Term term, List<UUID> storeIds, ContractTerms terms) {
        this(name, description, kind, price, listPrice, faceValue, sessions, term, storeIds, terms, Audience.ADULTS);
    }

    public ProductDraft {
        audience = Audience.orDefault(audience);
        storeIds = storeIds == null ? List.of() : List.copyOf(storeIds);
        description = description == null || description.isBlank() ? null : description.strip();
    }

    public Money effectiveListPrice() {
        return listPrice == null ? price : listPrice;
    }

    public ProductDraft withTerms(ContractTerms newTerms) {
        return new ProductDraft(name, description, kind, price, listPrice, faceValue, sessions, term, storeIds, newTerms,
                audience);
    }
}
