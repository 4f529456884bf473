package org.fangxin.catalog.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fangxin.catalog.ContractTerms;
import org.fangxin.catalog.ProductDraft;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.rules.Audience;
import org.fangxin.shared.Money;
import org.fangxin.shared.MoneyFormat;
import org.fangxin.shared.Rejection;

/**
 * The product editor's fields as typed (text), parsed into a {@link ProductDraft} at the edge: amounts in yuan with
 * up to two decimals become fen here, and unreadable numbers become field errors instead of exceptions.
 */
public record ProductForm(String name, String description, String kind, String price, String listPrice, String faceValue,
                          String sessions, String termCount, String termUnit, List<UUID> storeIds, String coolingOffDays,
                          String refundMethod, String refundFeeBp, Boolean transferable, String closureTerms,
                          String disputeResolution, String extraTerms, String audience, Boolean usedAtListPrice) {

    static final long YUAN_MAX = 100_000_000L;

    public ProductForm {
        storeIds = storeIds == null ? List.of() : List.copyOf(storeIds);
    }

    static ProductForm blank(List<UUID> stores) {
        return new ProductForm("", "", "SESSION_PACK", "", "", "", "", "", "MONTHS", stores, "7", "PRO_RATA_SESSIONS", "0",
                true, "", "", "", "ADULTS", false);
    }

    /** The form of an existing product with new contract terms typed in (the product's own fields cannot change). */
    static ProductForm revising(org.fangxin.catalog.ProductView product, ProductForm typed) {
        return new ProductForm(product.name(), product.description(), product.kind().name(), yuanText(product.price()),
                yuanText(product.listPrice()), product.faceValue() == null ? "" : yuanText(product.faceValue()),
                product.sessions() == null ? "" : product.sessions().toString(), Integer.toString(product.term().count()),
                product.term().unit().name(), product.storeIds(), typed.coolingOffDays(), typed.refundMethod(),
                typed.refundFeeBp(), typed.transferable(), typed.closureTerms(), typed.disputeResolution(), typed.extraTerms(),
                product.audience().name(), typed.usedAtListPrice());
    }

    /** The form showing an existing product's current terms. */
    static ProductForm of(org.fangxin.catalog.ProductView product, ContractTerms terms) {
        var typed = new ProductForm(null, null, null, null, null, null, null, null, null, null,
                terms.coolingOffDays().toString(), terms.refundMethod().name(), terms.refundFeeBp().toString(),
                terms.transferable(), terms.closureTerms(), terms.disputeResolution(), terms.extraTerms(), null,
                terms.usedSessionsAtListPrice());
        return revising(product, typed);
    }

    private static String yuanText(Money money) {
        return BigDecimal.valueOf(money.amountMinor(), 2).toPlainString();
    }

    /** A field that could not be read, with the message key explaining why. */
    public record FieldError(String field, String messageKey) { }

    /** The draft, or the fields that could not be read. */
    public record Parsed(ProductDraft draft, List<FieldError> errors) { }

    Parsed parse() {
        List<FieldError> errors = new ArrayList<>();
        ProductKind kindValue = enumOf(ProductKind.class, kind, "kind", errors);
        RefundMethod method = enumOf(RefundMethod.class, refundMethod, "refundMethod", errors);
        Term.Unit unit = enumOf(Term.Unit.class, termUnit, "termUnit", errors);
        Audience audienceValue = audience == null || audience.isBlank() ? Audience.ADULTS
                : enumOf(Audience.class, audience, "audience", errors);
        Money priceValue = yuan(price, "price", true, errors);
        Money listValue = yuan(listPrice, "listPrice", false, errors);
        Money faceValueValue = kindValue == ProductKind.STORED_VALUE ? yuan(faceValue, "faceValue", true, errors) : null;
        Integer sessionCount = kindValue == ProductKind.SESSION_PACK ? count(sessions, "sessions", true, errors) : null;
        Integer termValue = count(termCount, "termCount", true, errors);
        Integer coolingOff = count(coolingOffDays, "coolingOffDays", true, errors);
        Integer feeBp = count(refundFeeBp, "refundFeeBp", false, errors);
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "catalog.error.required"));
        }
        if (!errors.isEmpty()) {
            return new Parsed(null, errors);
        }
        var terms = new ContractTerms(coolingOff, method, feeBp, Boolean.TRUE.equals(transferable), closureTerms,
                disputeResolution, extraTerms, Boolean.TRUE.equals(usedAtListPrice));
        return new Parsed(new ProductDraft(name.strip(), description, kindValue, priceValue, listValue, faceValueValue,
                sessionCount, new Term(termValue, unit), storeIds, terms, audienceValue), List.of());
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String field, List<FieldError> errors) {
        try {
            return Enum.valueOf(type, value == null ? "" : value.strip());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "catalog.error.choose"));
            return null;
        }
    }

    private static Money yuan(String value, String field, boolean required, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "catalog.error.required"));
            }
            return null;
        }
        try {
            Money amount = MoneyFormat.parseYuan(field, value);
            if (amount.isPositive() && amount.compareTo(Money.yuan(YUAN_MAX)) <= 0) {
                return amount;
            }
        } catch (Rejection notAnAmount) {
            // reported as the field's error below, like an amount out of range
        }
        errors.add(new FieldError(field, "catalog.error.amount"));
        return null;
    }

    private static Integer count(String value, String field, boolean required, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "catalog.error.required"));
            }
            return null;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number < 0 || number > 100_000) {
                throw new NumberFormatException(value);
            }
            return number;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "catalog.error.number"));
            return null;
        }
    }
}
