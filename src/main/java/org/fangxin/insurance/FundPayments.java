package org.fangxin.insurance;

import java.util.List;
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
        Optional<AccountView> fund = ledger.findAccount(AccountType.PLATFORM_GUARANTEE_FUND, null, Money.CNY);
        Optional<AccountView> receivable = ledger.findAccount(AccountType.SUBROGATION_RECEIVABLE, request.merchantId(), Money.CNY);
        // one read of the two accounts' entries under the case's keys; any line the fund paid will do as evidence, but
        // only such a line whose transfer booked this merchant's receivable (a line paid from escrow alone has none)
        Map<String, PostingSums> paid = fund.isEmpty() || receivable.isEmpty() ? Map.of()
                : ledger.sumsByPostingKeyPrefixPerSegment(prefix, List.of(fund.get().id(), receivable.get().id()), Money.CNY);
        boolean ofMerchant = paid.values().stream().anyMatch(sums -> sums.credits(AccountType.PLATFORM_GUARANTEE_FUND)
                .isPositive() && sums.debits(AccountType.SUBROGATION_RECEIVABLE).isPositive());
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
