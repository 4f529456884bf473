package org.fangxin.protection.oversight;

import static org.fangxin.ledger.EntryLine.credit;
import static org.fangxin.ledger.EntryLine.debit;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fangxin.ledger.AccountId;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.shared.Money;

/**
 * Posts the closure money of /work contract-closure.md through the Ledger facade, as the compensation batch and the
 * insurance module will: a card bought into escrow with part advanced, the compensation line paid from escrow (e),
 * deposit (d) and guarantee fund (f), and an insurance claim approved and paid. For tests of readers of those keys.
 */
public final class ClosureMoney {

    private final Ledger ledger;

    public ClosureMoney(Ledger ledger) {
        this.ledger = ledger;
    }

    private AccountId account(AccountType type, UUID owner) {
        return ledger.open(type, owner, Money.CNY).id();
    }

    /** Tops the guarantee fund up (so it can pay f) with a test key. */
    public void fundTopUp(long fen) {
        ledger.post(NewTransfer.of("fund-top-up:" + UUID.randomUUID(), "test top-up",
                debit(account(AccountType.PLATFORM_GUARANTEE_FUND, null), Money.fen(fen)),
                credit(account(AccountType.PLATFORM_EQUITY, null), Money.fen(fen))));
    }

    /**
     * One card of the merchant with unredeemed value e + d + f, of which d + f was advanced (paid out of escrow) and d
     * is covered by a lodged deposit; then its compensation line posted and paid per the contract. Returns the card.
     */
    public UUID compensatedCard(UUID caseId, UUID merchantId, long e, long d, long f) {
        UUID card = UUID.randomUUID();
        long u = e + d + f;
        long a = d + f;
        AccountId liability = account(AccountType.CARD_LIABILITY, card);
        AccountId clearing = account(AccountType.CONSUMER_FUNDS_CLEARING, null);
        AccountId escrow = account(AccountType.ESCROW, merchantId);
        AccountId advance = account(AccountType.MERCHANT_ADVANCE, merchantId);
        AccountId settlement = account(AccountType.MERCHANT_SETTLEMENT, merchantId);
        AccountId held = account(AccountType.RISK_DEPOSIT_HELD, merchantId);
        AccountId deposit = account(AccountType.RISK_DEPOSIT, merchantId);
        AccountId fund = account(AccountType.PLATFORM_GUARANTEE_FUND, null);
        AccountId subrogation = account(AccountType.SUBROGATION_RECEIVABLE, merchantId);
        ledger.post(NewTransfer.of("purchase:" + card, "test purchase", debit(clearing, Money.fen(u)), credit(liability, Money.fen(u))));
        ledger.post(NewTransfer.of("escrow-funding:" + card, "test funding", debit(escrow, Money.fen(u)), credit(clearing, Money.fen(u))));
        if (a > 0) {
            ledger.post(NewTransfer.of("advance:" + card, "test advance", debit(advance, Money.fen(a)), credit(settlement, Money.fen(a))));
            ledger.post(NewTransfer.of("payout-confirmed:" + card, "test payout", debit(settlement, Money.fen(a)), credit(escrow, Money.fen(a))));
        }
        if (d > 0) {
            ledger.post(NewTransfer.of("deposit:" + card, "test deposit", debit(held, Money.fen(d)), credit(deposit, Money.fen(d))));
        }
        // one transfer per card since session 9 (the payable step is netted out)
        List<EntryLine> paid = new ArrayList<>();
        paid.add(debit(liability, Money.fen(u)));
        if (e > 0) {
            paid.add(credit(escrow, Money.fen(e)));
        }
        if (d > 0) {
            paid.add(credit(held, Money.fen(d)));
            paid.add(debit(deposit, Money.fen(d)));
        }
        if (f > 0) {
            paid.add(credit(fund, Money.fen(f)));
            paid.add(debit(subrogation, Money.fen(f)));
        }
        if (a > 0) {
            paid.add(credit(advance, Money.fen(a)));
        }
        ledger.post(new NewTransfer("compensation-paid:" + caseId + ":" + card, "test compensation paid", paid));
        return card;
    }

    /** An insurer approves {@code approved} of the case's claim and pays {@code paid} of it. */
    public void claim(UUID caseId, UUID merchantId, UUID insurerId, long approved, long paid) {
        UUID claim = UUID.randomUUID();
        AccountId receivable = account(AccountType.INSURER_RECEIVABLE, insurerId);
        ledger.post(NewTransfer.of("claim-approved:" + caseId + ":" + claim, "test claim approved",
                debit(receivable, Money.fen(approved)), credit(account(AccountType.SUBROGATION_RECEIVABLE, merchantId), Money.fen(approved))));
        if (paid > 0) {
            ledger.post(NewTransfer.of("claim-paid:" + caseId + ":" + claim, "test claim paid",
                    debit(account(AccountType.PLATFORM_GUARANTEE_FUND, null), Money.fen(paid)), credit(receivable, Money.fen(paid))));
        }
    }
}
