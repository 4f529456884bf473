package org.fangxin.catalog;

import java.time.LocalDate;
import java.util.List;
import org.fangxin.rules.Audience;
import org.fangxin.shared.Money;

/**
 * Everything a contract version states (消保法实施条例 Art.22): the parties and their contacts, the escrow (collection)
 * account, amount and payment method, the performance guarantee, content, place and quantity, price and deduction
 * method, term, refund method and dispute resolution, plus the merchant's own terms. Immutable once recorded.
 */
public record ContractContent(String productName, String description, ProductKind kind,
                              Party merchant, String platform, List<Place> places,
                              String escrowAccount, int supervisionRatioBp,
                              Money price, Money listPrice, Money faceValue, String paymentMethod,
                              Integer sessions, Term term, ContractTerms terms,
                              String regionCode, String sector, Audience audience) {

    /** The selling merchant as registered (unified social credit code) with the places where it can be reached. */
    public record Party(String legalName, String creditCode) { }

    /** A store where the product is valid; its lease end bounds the product's validity. */
    public record Place(String name, String address, LocalDate leaseEndsOn) { }

    public ContractContent {
        places = List.copyOf(places);
        audience = Audience.orDefault(audience);
    }
}
