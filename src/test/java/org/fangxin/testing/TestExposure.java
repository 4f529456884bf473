package org.fangxin.testing;

import static org.fangxin.ledger.EntryLine.credit;
import static org.fangxin.ledger.EntryLine.debit;

import java.util.UUID;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.shared.Money;

/**
 * Ledger postings as the card module makes them (docs/ledger.md), for tests that need a merchant with advance
 * exposure (MERCHANT_ADVANCE) or earned money (MERCHANT_PAYABLE) without the card module.
 */
public final class TestExposure {

    private final Ledger ledger;

    public TestExposure(Ledger ledger) {
        this.ledger = ledger;
    }

    /** A consumer pays {@code paidFen} into the merchant's escrow and {@code advanceFen} of it is advanced to the merchant. */
    public void advance(UUID merchantId, long paidFen, long advanceFen) {
        UUID card = purchase(merchantId, paidFen);
        var advance = ledger.open(AccountType.MERCHANT_ADVANCE, merchantId, Money.CNY).id();
        var settlement = ledger.open(AccountType.MERCHANT_SETTLEMENT, merchantId, Money.CNY).id();
        ledger.post(NewTransfer.of("advance:" + card, "test advance", debit(advance, Money.fen(advanceFen)),
                credit(settlement, Money.fen(advanceFen))));
    }

    /** A consumer pays {@code paidFen} and redeems {@code earnedFen}: the merchant's payable grows by it. */
    public void earn(UUID merchantId, long paidFen, long earnedFen) {
        UUID card = purchase(merchantId, paidFen);
        var cardLiability = ledger.open(AccountType.CARD_LIABILITY, card, Money.CNY).id();
        var payable = ledger.open(AccountType.MERCHANT_PAYABLE, merchantId, Money.CNY).id();
        ledger.post(NewTransfer.of("redemption:" + UUID.randomUUID(), "test redemption",
                debit(cardLiability, Money.fen(earnedFen)), credit(payable, Money.fen(earnedFen))));
    }

    /** The normal balance of an account (zero when it does not exist). */
    public Money balance(AccountType type, UUID owner) {
        return ledger.findAccount(type, owner, Money.CNY).map(a -> a.normalBalance()).orElse(Money.fen(0));
    }

    private UUID purchase(UUID merchantId, long paidFen) {
        UUID card = UUID.randomUUID();
        var clearing = ledger.open(AccountType.CONSUMER_FUNDS_CLEARING, null, Money.CNY).id();
        var cardLiability = ledger.open(AccountType.CARD_LIABILITY, card, Money.CNY).id();
        var escrow = ledger.open(AccountType.ESCROW, merchantId, Money.CNY).id();
        ledger.post(NewTransfer.of("purchase:" + card, "test purchase", debit(clearing, Money.fen(paidFen)),
                credit(cardLiability, Money.fen(paidFen))));
        ledger.post(NewTransfer.of("escrow-funding:" + card, "test funding", debit(escrow, Money.fen(paidFen)),
                credit(clearing, Money.fen(paidFen))));
        return card;
    }
}
