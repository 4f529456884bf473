package org.fangxin.bank.reconciliation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fangxin.bank.custodian.CustodianBanks;
import org.fangxin.bank.format.BankReferences;
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

    private final ReconciliationRepository repository;
    private final CustodianBanks banks;
    private final Ledger ledger;
    private final ZoneId bankZone;
    private final String operatingAccount;

    LedgerMirror(ReconciliationRepository repository, CustodianBanks banks, Ledger ledger,
                 @Value("${fangxin.bank.zone:Asia/Shanghai}") String bankZone,
                 @Value("${fangxin.bank.operating-account:FXOPERATING0001}") String operatingAccount) {
        this.repository = repository;
        this.banks = banks;
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

    /**
     * The ESCROW entries of the statement's sub-accounts at this bank booked on its days (in the bank's zone). An
     * account of another bank has no movements here: its lines are the other bank's business, so they break.
     */
    List<LedgerMovement> movements(String bank, Set<String> accountNumbers, LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(bankZone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(bankZone).toInstant();
        var movements = new ArrayList<LedgerMovement>();
        for (String accountNumber : accountNumbers) {
            Optional<AccountView> escrow = ledgerAccountOf(bank, accountNumber, Money.CNY);
            if (escrow.isEmpty()) {
                continue;
            }
            for (PostedEntry posted : ledger.entriesBetween(escrow.get().id(), start, end, Reconciliations.MOVEMENTS_PER_ACCOUNT_MAX)) {
                movements.add(new LedgerMovement("entry:" + posted.entry().id(), accountNumber,
                        posted.entry().postedAt().atZone(bankZone).toLocalDate(), posted.entry().amount(),
                        BankReferences.of(posted.postingKey(), posted.entry().transferId())));
            }
        }
        return movements;
    }

    /**
     * The ledger account a bank account stands for: a custody sub-account is its merchant's ESCROW, the operating
     * account is PLATFORM_OPERATING_CASH (where bank fees are charged); any other account has none. With a bank: only
     * that bank's sub-accounts (the operating account is at the DEFAULT bank); null: any bank.
     */
    Optional<AccountView> ledgerAccountOf(String bank, String accountNumber, java.util.Currency currency) {
        if (accountNumber.equals(operatingAccount)) {
            return bank == null || bank.equals(CustodianBanks.DEFAULT)
                    ? ledger.findAccount(AccountType.PLATFORM_OPERATING_CASH, null, currency) : Optional.empty();
        }
        if (bank != null && !banks.bankOfAccount(accountNumber).map(bank::equals).orElse(false)) {
            return Optional.empty();
        }
        return repository.findSubAccount(accountNumber).flatMap(s -> ledger.findAccount(AccountType.ESCROW, s.merchantId(), currency));
    }

    /**
     * The end-to-end id a posting key gives by itself (payouts: {@code FX} + the payout id; a key that is a valid
     * end-to-end id: itself); other movements are referenced by their transfer ({@link BankReferences#of}).
     */
    static String endToEndIdOf(String postingKey) {
        return BankReferences.fromPostingKey(postingKey);
    }
}
