package org.fangxin.catalog.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fangxin.catalog.ContractTerms;
import org.fangxin.catalog.ProductDraft;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.Term;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.StoreView;
import org.fangxin.rules.Clauses;
import org.fangxin.rules.ProductProposal;
import org.fangxin.rules.RuleSet;
import org.fangxin.rules.Violation;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;

/**
 * Whether a merchant may list a product: first the draft must be coherent (a 400 when not), then it must keep the rule
 * table of the merchant's region × sector and the lease rule (violations, a 422). Pure: today is passed in.
 */
public final class Listing {

    public static final String LEASE_RULE = "validity-past-lease-end";
    public static final String LEASE_SOURCE = "产品有效期不得超过经营场所租期: 江苏省体育预付卡规定 (2023); domain.md §4 Lease";

    private Listing() {
    }

    /** Refuses drafts that contradict themselves; rule-table limits are not checked here. */
    public static void validate(ProductDraft draft, MerchantView merchant) {
        Money price = draft.price();
        if (!price.currency().equals(Money.CNY) || !price.isPositive()) {
            throw Rejection.invalid("price", "price must be a positive CNY amount");
        }
        Money listPrice = draft.effectiveListPrice();
        if (!listPrice.currency().equals(Money.CNY) || listPrice.compareTo(price) < 0) {
            throw Rejection.invalid("listPrice", "the list price may not be below the price");
        }
        if (draft.kind() == ProductKind.STORED_VALUE) {
            if (draft.faceValue() == null || !draft.faceValue().currency().equals(Money.CNY) || draft.faceValue().compareTo(price) < 0) {
                throw Rejection.invalid("faceValue", "a stored-value card needs a face value of at least its price");
            }
        } else if (draft.faceValue() != null) {
            throw Rejection.invalid("faceValue", "only stored-value cards have a face value");
        }
        if ((draft.kind() == ProductKind.SESSION_PACK) != (draft.sessions() != null)) {
            throw Rejection.invalid("sessions", "a session pack, and only a session pack, names its number of sessions");
        }
        if (!draft.terms().refundMethod().fits(draft.kind())) {
            throw Rejection.invalid("terms.refundMethod", draft.terms().refundMethod() + " does not fit a " + draft.kind());
        }
        if (new LinkedHashSet<>(draft.storeIds()).size() != draft.storeIds().size()) {
            throw Rejection.invalid("storeIds", "a store is listed twice");
        }
        for (UUID storeId : draft.storeIds()) {
            if (merchant.store(storeId).isEmpty()) {
                throw Rejection.invalid("storeIds", "store " + storeId + " is not a store of this merchant");
            }
        }
    }

    /** Every rule the draft breaks when listed (or bought) on {@code today}; empty when it may be sold. */
    public static List<Violation> check(ProductDraft draft, MerchantView merchant, RuleSet rules, LocalDate today) {
        List<Violation> violations = new ArrayList<>(rules.check(proposal(draft)));
        violations.addAll(leaseViolations(draft.term(), stores(draft, merchant), today));
        return List.copyOf(violations);
    }

    /** A card bought today must not stay valid after the lease of any store where it is valid ends. */
    public static List<Violation> leaseViolations(Term term, List<StoreView> stores, LocalDate today) {
        LocalDate lastDay = term.lastDayFrom(today);
        List<Violation> violations = new ArrayList<>();
        for (StoreView store : stores) {
            if (store.leaseEndsOn() != null && lastDay.isAfter(store.leaseEndsOn())) {
                violations.add(new Violation(LEASE_RULE, "term", store.leaseEndsOn().toString(), lastDay.toString(),
                        "a card bought today would stay valid until " + lastDay + ", after the lease of " + store.name()
                                + " ends on " + store.leaseEndsOn(), LEASE_SOURCE));
            }
        }
        return violations;
    }

    public static List<StoreView> stores(ProductDraft draft, MerchantView merchant) {
        return draft.storeIds().stream().map(merchant::store).flatMap(java.util.Optional::stream).toList();
    }

    /** The draft in the terms the rule table speaks. */
    public static ProductProposal proposal(ProductDraft draft) {
        Term term = draft.term();
        ContractTerms terms = draft.terms();
        List<String> texts = new ArrayList<>();
        texts.add(draft.name());
        texts.add(draft.description());
        texts.add(terms.closureTerms());
        texts.add(terms.disputeResolution());
        texts.add(terms.extraTerms());
        return new ProductProposal(ProductProposal.Kind.valueOf(draft.kind().name()), draft.price(), draft.sessions(),
                term.unit() == Term.Unit.MONTHS ? term.count() : null, term.unit() == Term.Unit.DAYS ? term.count() : null,
                terms.coolingOffDays(), terms.refundFeeBp(), terms.transferable(), clausesPresent(draft), texts);
    }

    /** Which required contract contents the rendered contract provides; the platform supplies the fixed ones. */
    static Set<String> clausesPresent(ProductDraft draft) {
        Set<String> present = new LinkedHashSet<>(List.of(Clauses.PARTIES, Clauses.ESCROW_ACCOUNT, Clauses.AMOUNT_AND_PAYMENT,
                Clauses.PERFORMANCE_GUARANTEE, Clauses.PRICE_AND_DEDUCTION, Clauses.TERM, Clauses.REFUND_METHOD));
        if (!draft.storeIds().isEmpty()) {
            present.add(Clauses.CONTENT_PLACE_QUANTITY);
        }
        if (draft.terms().disputeResolution() != null) {
            present.add(Clauses.DISPUTE_RESOLUTION);
        }
        if (draft.terms().closureTerms() != null) {
            present.add(Clauses.CLOSURE);
        }
        return present;
    }
}
