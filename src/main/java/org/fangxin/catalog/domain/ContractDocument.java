package org.fangxin.catalog.domain;

import java.text.Normalizer;
import java.util.List;
import org.fangxin.catalog.ContractContent;
import org.fangxin.catalog.ContractTerms;
import org.fangxin.catalog.ProductDraft;
import org.fangxin.catalog.ProductKind;
import org.fangxin.merchant.MerchantView;
import org.fangxin.rules.RuleSet;
import org.fangxin.shared.Money;

/**
 * Builds a contract's content and its canonical text: one {@code key=value} line per fact in a fixed order, values
 * NFC-normalised with line breaks escaped, no ids or timestamps. The SHA-256 of that text identifies the terms: the
 * same terms always give the same hash, and any change of a term changes it.
 */
public final class ContractDocument {

    public static final String FORMAT = "fangxin-contract/1";
    public static final String PLATFORM = "放心预付消费平台";
    public static final String ESCROW_ACCOUNT = "托管银行开立的商户预付资金监管子账户；经营者不得自由支取，按核销释放";
    public static final String PAYMENT_METHOD = "通过平台一次性支付至监管账户";

    private ContractDocument() {
    }

    /** The content of the draft's contract under the rule table's ratio alone (no per-merchant floor). */
    public static ContractContent content(ProductDraft draft, MerchantView merchant, RuleSet rules) {
        return content(draft, merchant, rules.supervisionRatio().bp());
    }

    /** The content of the draft's contract; {@code supervisionRatioBp} is the ratio purchases under it will keep at least. */
    public static ContractContent content(ProductDraft draft, MerchantView merchant, int supervisionRatioBp) {
        List<ContractContent.Place> places = Listing.stores(draft, merchant).stream()
                .map(store -> new ContractContent.Place(store.name(), store.address(), store.leaseEndsOn()))
                .toList();
        return new ContractContent(draft.name(), draft.description(), draft.kind(),
                new ContractContent.Party(merchant.legalName(), merchant.creditCode()), PLATFORM, places,
                ESCROW_ACCOUNT, supervisionRatioBp, draft.price(), draft.effectiveListPrice(), draft.faceValue(),
                PAYMENT_METHOD, draft.sessions(), draft.term(), draft.terms(), merchant.regionCode(), merchant.sector().name(),
                draft.audience());
    }

    public static String canonicalText(ContractContent c) {
        StringBuilder text = new StringBuilder(FORMAT).append('\n');
        line(text, "product.name", c.productName());
        line(text, "product.description", c.description());
        line(text, "product.kind", c.kind());
        line(text, "party.merchant.legalName", c.merchant().legalName());
        line(text, "party.merchant.creditCode", c.merchant().creditCode());
        line(text, "party.platform", c.platform());
        for (int i = 0; i < c.places().size(); i++) {
            var place = c.places().get(i);
            line(text, "place." + (i + 1), place.name() + " | " + place.address() + " | lease ends " + place.leaseEndsOn());
        }
        line(text, "escrow.account", c.escrowAccount());
        line(text, "guarantee.escrowRatioBp", c.supervisionRatioBp());
        line(text, "amount.price", money(c.price()));
        line(text, "amount.listPrice", money(c.listPrice()));
        line(text, "amount.faceValue", money(c.faceValue()));
        line(text, "payment.method", c.paymentMethod());
        line(text, "quantity.sessions", c.sessions());
        line(text, "term", c.term());
        line(text, "deduction", deduction(c.kind()));
        ContractTerms terms = c.terms();
        line(text, "terms.coolingOffDays", terms.coolingOffDays());
        line(text, "terms.refundMethod", terms.refundMethod());
        line(text, "terms.refundFeeBp", terms.refundFeeBp());
        line(text, "terms.refundFeeWaived", "within cooling-off and whenever the merchant is at fault");
        line(text, "terms.usedAtListPrice", terms.usedSessionsAtListPrice());
        line(text, "terms.transferable", terms.transferable());
        line(text, "terms.closure", terms.closureTerms());
        line(text, "terms.disputeResolution", terms.disputeResolution());
        line(text, "terms.extra", terms.extraTerms());
        line(text, "rules.region", c.regionCode());
        line(text, "rules.sector", c.sector());
        line(text, "rules.audience", c.audience());
        return text.toString();
    }

    public static String sha256(String canonicalText) {
        return org.fangxin.shared.Sha256.hex(canonicalText);
    }

    /** How each use reduces the card's value: the price-and-deduction clause. */
    public static String deduction(ProductKind kind) {
        return switch (kind) {
            case SESSION_PACK -> "PER_SESSION: each session redeemed earns price / sessions";
            case PERIOD_PASS -> "PER_DAY: each day of the period earns price / days of the period";
            case STORED_VALUE -> "BY_AMOUNT: spending face value earns the same share of the price";
        };
    }

    private static String money(Money money) {
        return money == null ? null : money.amountMinor() + " " + money.currency().getCurrencyCode();
    }

    private static void line(StringBuilder text, String key, Object value) {
        String shown = value == null ? "-" : Normalizer.normalize(value.toString(), Normalizer.Form.NFC).strip()
                .replace("\r\n", "\n").replace("\r", "\n").replace("\\", "\\\\").replace("\n", "\\n");
        text.append(key).append('=').append(shown).append('\n');
    }
}
