package org.fangxin.card.lifecycle;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.fangxin.ledger.AccountId;
import org.fangxin.ledger.AccountKey;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.KeyedTransfer;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.ledger.TransferView;
import org.fangxin.shared.Money;
import org.springframework.stereotype.Component;

/** The card module's ledger postings (docs/ledger.md): every one joins the caller's transaction. */
@Component
public class CardPostings {

    private final Ledger ledger;

    CardPostings(Ledger ledger) {
        this.ledger = ledger;
    }

    public AccountId account(AccountType type, UUID owner, Currency currency) {
        return ledger.open(type, owner, currency).id();
    }

    /** The card's CARD_LIABILITY balance (zero when the account was never opened). */
    public Money unredeemed(UUID cardId, Currency currency) {
        return ledger.findAccount(AccountType.CARD_LIABILITY, cardId, currency)
                .map(a -> a.normalBalance()).orElse(Money.zero(currency));
    }

    /** Many cards' CARD_LIABILITY balances in one read (zero for a card whose account was never opened). */
    public java.util.Map<UUID, Money> unredeemed(java.util.Collection<UUID> cardIds, Currency currency) {
        java.util.Map<UUID, Money> balances = new java.util.HashMap<>(ledger.balancesByOwner(AccountType.CARD_LIABILITY, cardIds, currency));
        cardIds.forEach(id -> balances.putIfAbsent(id, Money.zero(currency)));
        return balances;
    }

    /**
     * Purchase P into the card's liability, the provider's settlement into escrow, and the advance a (if any). The card's
     * account is new and opened in one statement without a read; the three transfers name their accounts by code and
     * owner (the clearing account by code alone) and go to the ledger in one call (issue 15, session 13): on the common
     * path one round trip finds, locks, checks and posts all three, each with its own header, posting key and floors.
     */
    public void purchased(UUID purchaseId, UUID cardId, UUID merchantId, Money paid, Money advance) {
        Currency c = paid.currency();
        // the card's account is new: opened without a read; the merchant's escrow exists once it has sold (a first sale
        // leaves the one-call path and opens it on the general path, as any keyed posting does for a missing account)
        ledger.openNew(c, new AccountKey(AccountType.CARD_LIABILITY, cardId));
        ledger.postKeyed(purchaseTransfers(purchaseId, cardId, merchantId, paid, advance));
    }

    /** The transfers {@link #purchased} posts, in order: purchase, escrow funding, then the advance when there is one. */
    static List<KeyedTransfer> purchaseTransfers(UUID purchaseId, UUID cardId, UUID merchantId, Money paid, Money advance) {
        Currency c = paid.currency();
        AccountKey card = new AccountKey(AccountType.CARD_LIABILITY, cardId);
        AccountKey escrow = new AccountKey(AccountType.ESCROW, merchantId);
        AccountKey clearing = new AccountKey(AccountType.CONSUMER_FUNDS_CLEARING, null);
        List<KeyedTransfer> transfers = new ArrayList<>(3);
        transfers.add(new KeyedTransfer("purchase:" + purchaseId, "card " + cardId + " bought", c, List.of(
                KeyedTransfer.Line.debit(clearing, paid), KeyedTransfer.Line.credit(card, paid))));
        transfers.add(new KeyedTransfer("escrow-funding:" + purchaseId, "purchase " + purchaseId + " settled into escrow", c,
                List.of(KeyedTransfer.Line.debit(escrow, paid), KeyedTransfer.Line.credit(clearing, paid))));
        if (advance.isPositive()) {
            transfers.add(new KeyedTransfer("advance:" + cardId, "advance on card " + cardId, c, List.of(
                    KeyedTransfer.Line.debit(new AccountKey(AccountType.MERCHANT_ADVANCE, merchantId), advance),
                    KeyedTransfer.Line.credit(new AccountKey(AccountType.MERCHANT_PAYABLE, merchantId), advance))));
        }
        return transfers;
    }

    /**
     * Value v earned from the card, of which c settles the advance: Dr CARD_LIABILITY v / Cr MERCHANT_PAYABLE (v − c) /
     * Cr MERCHANT_ADVANCE c. The ledger takes one line per account, so Cr PAYABLE v and Dr PAYABLE c are netted into one line.
     */
    public TransferView earned(String postingKey, String description, UUID cardId, UUID merchantId, Money value, Money netted) {
        return ledger.post(earnedTransfer(postingKey, description, cardId, merchantId, value, netted));
    }

    /** {@link #earned} for many redemptions (a group commit): one round trip on the common path, in the given order. */
    List<TransferView> earnedAll(List<KeyedTransfer> transfers) {
        return ledger.postKeyed(transfers);
    }

    /** The transfer {@link #earned} posts. */
    KeyedTransfer earnedTransfer(String postingKey, String description, UUID cardId, UUID merchantId, Money value, Money netted) {
        // Accounts named by code and owner: the ledger finds, locks, checks and posts in one round trip (issue 15: a
        // redemption's hot path); a line of zero is left out, so it opens no account.
        Money payable = value.minus(netted);
        List<KeyedTransfer.Line> lines = new ArrayList<>(List.of(
                KeyedTransfer.Line.debit(new AccountKey(AccountType.CARD_LIABILITY, cardId), value)));
        if (payable.isPositive()) {
            lines.add(KeyedTransfer.Line.credit(new AccountKey(AccountType.MERCHANT_PAYABLE, merchantId), payable));
        }
        if (netted.isPositive()) {
            lines.add(KeyedTransfer.Line.credit(new AccountKey(AccountType.MERCHANT_ADVANCE, merchantId), netted));
        }
        return new KeyedTransfer(postingKey, description, value.currency(), lines);
    }

    public TransferView transferred(UUID transferId, UUID fromCardId, UUID toCardId, Money amount) {
        Currency c = amount.currency();
        return ledger.post(NewTransfer.of("card-transfer:" + transferId, "card " + fromCardId + " transferred to " + toCardId,
                EntryLine.debit(account(AccountType.CARD_LIABILITY, fromCardId, c), amount),
                EntryLine.credit(account(AccountType.CARD_LIABILITY, toCardId, c), amount)));
    }

    public TransferView reverse(UUID transferId, String postingKey, String reason) {
        return ledger.reverse(new org.fangxin.ledger.TransferId(transferId), postingKey, reason);
    }
}
