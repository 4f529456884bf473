package org.fangxin.insurance;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.compensation.Compensations;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.PostingSums;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;

/** What the guarantee fund paid in a closure case, read from the ledger: the evidence a claim must stand on. */
final class FundPayments {

    private final Ledger ledger;
    private final Compensations compensations;

    FundPayments(Ledger ledger, Compensations compensations) {
        this.ledger = ledger;
        this.compensations = compensations;
    }

    /**
     * A claim stands only on what the guarantee fund paid in the case, as the ledger records it (closure money
     * contract, docs/ledger.md): {@code compensation-paid:<caseId>:…} credits PLATFORM_GUARANTEE_FUND and debits
     * SUBROGATION_RECEIVABLE of the closed merchant. No such postings for the case and merchant: the case does not
     * exist (or the fund paid nothing); a line for another card or above the fund's part is refused, and so is a claim
     * above all the fund paid in the case. A card's part is its own transfer's ({@code compensation-paid:<caseId>:<cardId>},
     * until session 13) or, when its pay chunk booked the fund's part for all its cards at once
     * ({@code compensation-paid:<caseId>:chunk-…}), its compensation line's.
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
        Map<UUID, Money> ofLines = null; // read only when a card has no transfer of its own
        long claimed = 0;
        for (NewClaim.Line line : request.lines()) {
            PostingSums own = paid.get(line.cardId().toString());
            if (own == null && ofLines == null) {
                ofLines = compensations.guaranteeFundPaidPerCard(request.caseId());
            }
            Money fundPart = own != null ? own.credits(AccountType.PLATFORM_GUARANTEE_FUND)
                    : ofLines.getOrDefault(line.cardId(), Money.fen(0));
            if (line.claimed().compareTo(fundPart) > 0) {
                throw new Rejection(Claims.LINE_NOT_FUNDED, "card " + line.cardId() + ": claimed " + line.claimed().format()
                        + " but the guarantee fund paid " + fundPart.format() + " for it in this case");
            }
            claimed += line.claimed().amountMinor();
        }
        long fundPaid = paid.values().stream().mapToLong(s -> s.credits(AccountType.PLATFORM_GUARANTEE_FUND).amountMinor()).sum();
        if (claimed > fundPaid) {
            throw new Rejection(Claims.LINE_NOT_FUNDED, "claimed " + Money.fen(claimed).format()
                    + " but the guarantee fund paid " + Money.fen(fundPaid).format() + " in this case");
        }
    }

}
