package org.fangxin.bank.reconciliation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.fangxin.bank.reconciliation.domain.LedgerMovement;
import org.fangxin.bank.reconciliation.persistence.ReconciliationRepository;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.PostedEntry;
import org.fangxin.shared.Money;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The ledger side of the bank's accounts: which ledger account a bank account stands for, and its entries on a
 * statement's days as the movements reconciliation matches against the statement's lines (in the bank's zone).
 */
@Component
class LedgerMirror {

    /** An id the platform may have sent as end-to-end id (ISO 20022 Max35Text, the characters pain.001 allows). */
    private static final Pattern END_TO_END_ID = Pattern.compile("[A-Za-z0-9:-]{1,35}");
    private static final String PAYOUT_CONFIRMED = "payout-confirmed:";

    private final ReconciliationRepository repository;
    private final Ledger ledger;
    private final ZoneId bankZone;
    private final String operatingAccount;

    LedgerMirror(ReconciliationRepository repository, Ledger ledger,
                 @Value("${fangxin.bank.zone:Asia/Shanghai}") String bankZone,
                 @Value("${fangxin.bank.operating-account:FXOPERATING0001}") String operatingAccount) {
        this.repository = repository;
        this.ledger = ledger;
        this.bankZone = ZoneId.of(bankZone);
        this.operatingAccount = operatingAccount;
    }

    ZoneId bankZone() {
        return bankZone;
    }

    /** The platform's operating account (bank fees are charged there), certified on its own line. */
    boolean isOperatingAccount(String accountNumber) {
        return accountNumber.equals(operatingAccount);
    }

    /** The ESCROW entries of the statement's known sub-accounts booked on its days (in the bank's zone). */
    List<LedgerMovement> movements(Set<String> accountNumbers, LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(bankZone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(bankZone).toInstant();
        var movements = new ArrayList<LedgerMovement>();
        for (String accountNumber : accountNumbers) {
            Optional<AccountView> escrow = ledgerAccountOf(accountNumber, Money.CNY);
            if (escrow.isEmpty()) {
                continue;
            }
            for (PostedEntry posted : ledger.entriesBetween(escrow.get().id(), start, end, Reconciliations.MOVEMENTS_PER_ACCOUNT_MAX)) {
                movements.add(new LedgerMovement("entry:" + posted.entry().id(), accountNumber,
                        posted.entry().postedAt().atZone(bankZone).toLocalDate(), posted.entry().amount(),
                        endToEndIdOf(posted.postingKey())));
            }
        }
        return movements;
    }

    /**
     * The ledger account a bank account stands for: a custody sub-account is its merchant's ESCROW, the operating
     * account is PLATFORM_OPERATING_CASH (where bank fees are charged); any other account has none.
     */
    Optional<AccountView> ledgerAccountOf(String accountNumber, java.util.Currency currency) {
        if (accountNumber.equals(operatingAccount)) {
            return ledger.findAccount(AccountType.PLATFORM_OPERATING_CASH, null, currency);
        }
        return repository.findSubAccount(accountNumber).flatMap(s -> ledger.findAccount(AccountType.ESCROW, s.merchantId(), currency));
    }

    /**
     * The end-to-end id the bank will report for a ledger transfer: settlement's payouts send {@code FX} + the payout
     * id without dashes (posting key {@code payout-confirmed:<payoutId>}); other transfers whose posting key is a valid
     * end-to-end id are taken to have sent it as is; the rest have none and are matched by amount, account and date.
     */
    static String endToEndIdOf(String postingKey) {
        if (postingKey.startsWith(PAYOUT_CONFIRMED)) {
            String payoutId = postingKey.substring(PAYOUT_CONFIRMED.length());
            return payoutId.matches("[0-9a-f-]{36}") ? "FX" + payoutId.replace("-", "") : null;
        }
        return END_TO_END_ID.matcher(postingKey).matches() ? postingKey : null;
    }
}
