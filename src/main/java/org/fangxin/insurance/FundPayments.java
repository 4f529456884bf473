package org.fangxin.insurance;

import java.util.Map;
import java.util.Optional;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.PostingSums;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;

/** What the guarantee fund paid in a closure case, read from the ledger: the evidence a claim must stand on. */
final class FundPayments {

    private final Ledger ledger;

    FundPayments(Ledger ledger) {
        this.ledger = ledger;
    }

    /**
     * A claim stands only on what the guarantee fund paid in the case, as the ledger records it (closure money
     * contract, docs/ledger.md): {@code compensation-paid:<caseId>:<cardId>} credits PLATFORM_GUARANTEE_FUND and
     * debits SUBROGATION_RECEIVABLE of the closed merchant. No such postings for the case and merchant: the case does not
     * exist (or the fund paid nothing); a line for another card or above the fund's part is refused.
     */
    void requireFunded(NewClaim request) {
        String prefix = "compensation-paid:" + request.caseId() + ":";
        Map<String, PostingSums> paid = ledger.sumsByPostingKeyPrefixPerSegment(prefix, Money.CNY);
        Optional<AccountView> receivable = ledger.findAccount(AccountType.SUBROGATION_RECEIVABLE, request.merchantId(), Money.CNY);
        // Any line the fund paid will do as evidence, but only such a line: a line paid from escrow alone has no
        // receivable entry (the map's order is arbitrary, so taking its first key failed claims at random).
        boolean ofMerchant = receivable.isPresent() && paid.entrySet().stream()
                .filter(e -> e.getValue().credits(AccountType.PLATFORM_GUARANTEE_FUND).isPositive())
                .anyMatch(e -> ledger.findTransfer(prefix + e.getKey())
                        .map(t -> t.entries().stream().anyMatch(x -> x.accountId().equals(receivable.get().id())))
                        .orElse(false));
        if (!ofMerchant) {
            throw new Rejection(Claims.CASE_UNKNOWN, "the guarantee fund paid nothing for merchant " + request.merchantId()
                    + " in closure case " + request.caseId());
        }
        for (NewClaim.Line line : request.lines()) {
            PostingSums sums = paid.get(line.cardId().toString());
            Money fundPart = sums == null ? Money.fen(0) : sums.credits(AccountType.PLATFORM_GUARANTEE_FUND);
            if (line.claimed().compareTo(fundPart) > 0) {
                throw new Rejection(Claims.LINE_NOT_FUNDED, "card " + line.cardId() + ": claimed " + line.claimed().format()
                        + " but the guarantee fund paid " + fundPart.format() + " for it in this case");
            }
        }
    }

}
