package org.fangxin.compensation.batch;

import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.shared.Money;
import org.springframework.stereotype.Component;

/**
 * The compensation postings (docs/ledger.md, "Compensation"), in the caller's transaction: the set-off once per case, then
 * one transfer per pay chunk of CASH lines, and one per TAKEOVER line. The ledger takes each account once per transfer, so the two Cr MERCHANT_ADVANCE
 * lines (d and f) are posted as one.
 */
@Component
class CompensationPostings {

    private final Ledger ledger;

    CompensationPostings(Ledger ledger) {
        this.ledger = ledger;
    }

    Money balance(AccountType type, UUID owner, Currency currency) {
        return ledger.findAccount(type, owner, currency).map(a -> a.normalBalance()).orElse(Money.zero(currency));
    }

    /** The cards' CARD_LIABILITY balances (their unredeemed value) in one read; zero for an account never opened. */
    Map<UUID, Money> unredeemed(List<UUID> cardIds) {
        Map<UUID, Money> balances = new HashMap<>(ledger.balancesByOwner(AccountType.CARD_LIABILITY, cardIds, Money.CNY));
        cardIds.forEach(id -> balances.putIfAbsent(id, Money.zero(Money.CNY)));
        return balances;
    }

    private org.fangxin.ledger.AccountId account(AccountType type, UUID owner, Currency currency) {
        return ledger.open(type, owner, currency).id();
    }

    /**
     * Account ids opened once per chunk transaction (every line posts to the same merchant accounts). Scoped to one
     * transaction: an account opened in a chunk that rolls back must not be remembered.
     */
    final class Accounts {
        private final java.util.Map<String, org.fangxin.ledger.AccountId> ids = new java.util.HashMap<>();

        org.fangxin.ledger.AccountId of(AccountType type, UUID owner, Currency currency) {
            return ids.computeIfAbsent(type + "/" + owner + "/" + currency, k -> account(type, owner, currency));
        }
    }

    Accounts accounts() {
        return new Accounts();
    }

    /**
     * Opens (ensures) the cards' CARD_LIABILITY accounts in a few statements and remembers them in {@code accounts}, so
     * a chunk's postings need no per-card account look-up.
     */
    void openCardAccounts(Accounts accounts, List<UUID> cardIds, Currency currency) {
        ledger.openAll(AccountType.CARD_LIABILITY, cardIds, currency)
                .forEach((card, id) -> accounts.ids.put(AccountType.CARD_LIABILITY + "/" + card + "/" + currency, id));
    }

    /** Posts a pay chunk's ONE transfer ({@link #chunkTransfer}) in a few statements (keys, floors under row locks). */
    org.fangxin.ledger.TransferId postChunk(NewTransfer transfer) {
        return ledger.postWide(transfer);
    }

    /**
     * A pay chunk's CASH lines compensated and paid as ONE transfer (issue 15, session 13): a Dr CARD_LIABILITY U per
     * card, and each merchant-side and fund line once with the chunk's sum — Cr ESCROW Σe; Cr RISK_DEPOSIT_HELD Σd /
     * Dr RISK_DEPOSIT Σd; Cr PLATFORM_GUARANTEE_FUND Σf / Dr SUBROGATION_RECEIVABLE Σf; Cr MERCHANT_ADVANCE Σ(d + f) —
     * the same movements as a transfer per card, in ≈ 1,005 entries per 1,000 cards instead of ≈ 5,000. The per-card
     * split stays on the line (and each card's own entry in this transfer). The key
     * {@code compensation-paid:<caseId>:chunk-<uuid>} is derived from the batch and the chunk's line ids, so a replay of
     * the same lines finds it posted and posts nothing twice; it keeps the case as the key's second segment for the
     * readers of the case's figures.
     */
    NewTransfer chunkTransfer(Accounts accounts, UUID batchId, UUID caseId, UUID merchantId, List<CompensationRepository.Line> paid) {
        Currency c = Money.CNY;
        List<EntryLine> lines = new ArrayList<>(paid.size() + 6);
        long escrow = 0;
        long deposit = 0;
        long fund = 0;
        for (CompensationRepository.Line line : paid) {
            lines.add(EntryLine.debit(accounts.of(AccountType.CARD_LIABILITY, line.cardId(), c),
                    Money.fen(line.escrowMinor() + line.depositMinor() + line.fundMinor())));
            escrow += line.escrowMinor();
            deposit += line.depositMinor();
            fund += line.fundMinor();
        }
        addSources(lines, accounts, merchantId, Money.fen(escrow), Money.fen(deposit), Money.fen(fund));
        return new NewTransfer("compensation-paid:" + caseId + ":chunk-" + chunkId(batchId, paid),
                "closure " + caseId + ": " + paid.size() + " cards compensated and paid", lines);
    }

    /** Stable across a replay or a takeover of the same chunk: the batch and its lines, in a fixed order. */
    private static UUID chunkId(UUID batchId, List<CompensationRepository.Line> paid) {
        StringBuilder name = new StringBuilder(batchId.toString());
        paid.stream().map(CompensationRepository.Line::id).sorted().forEach(id -> name.append(':').append(id));
        return UUID.nameUUIDFromBytes(name.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The sources' lines of a payment (zero lines left out): escrow, deposit (held and released), fund and receivable. */
    private void addSources(List<EntryLine> lines, Accounts accounts, UUID merchantId, Money escrow, Money deposit, Money fund) {
        Currency c = escrow.currency();
        if (escrow.isPositive()) {
            lines.add(EntryLine.credit(accounts.of(AccountType.ESCROW, merchantId, c), escrow));
        }
        if (deposit.isPositive()) {
            lines.add(EntryLine.credit(accounts.of(AccountType.RISK_DEPOSIT_HELD, merchantId, c), deposit));
            lines.add(EntryLine.debit(accounts.of(AccountType.RISK_DEPOSIT, merchantId, c), deposit));
        }
        if (fund.isPositive()) {
            lines.add(EntryLine.credit(accounts.of(AccountType.PLATFORM_GUARANTEE_FUND, null, c), fund));
            lines.add(EntryLine.debit(accounts.of(AccountType.SUBROGATION_RECEIVABLE, merchantId, c), fund));
        }
        Money advance = deposit.plus(fund);
        if (advance.isPositive()) {
            lines.add(EntryLine.credit(accounts.of(AccountType.MERCHANT_ADVANCE, merchantId, c), advance));
        }
    }

    /** Dr MERCHANT_PAYABLE c / Cr MERCHANT_ADVANCE c: the earned payable settles the unearned advance, once per case. */
    void setOff(UUID caseId, UUID merchantId, Money amount) {
        Currency c = amount.currency();
        ledger.post(NewTransfer.of("compensation-setoff:" + caseId, "closure " + caseId + ": payable set off against the advance",
                EntryLine.debit(account(AccountType.MERCHANT_PAYABLE, merchantId, c), amount),
                EntryLine.credit(account(AccountType.MERCHANT_ADVANCE, merchantId, c), amount)));
    }

    /** A TAKEOVER line's transfer ({@link #compensatedTransfer}), posted on its own. */
    void compensated(Accounts accounts, UUID caseId, UUID cardId, UUID merchantId, Money escrow, Money deposit, Money fund,
                     UUID successorId, UUID successorCardId) {
        ledger.post(compensatedTransfer(accounts, caseId, cardId, merchantId, escrow, deposit, fund, successorId, successorCardId));
    }

    /**
     * A card compensated on its own, as ONE transfer {@code compensation-paid:<caseId>:<cardId>} (a TAKEOVER line; a
     * CASH line too from session 9 until its chunk became one transfer, {@link #chunkTransfer}, in session 13): Dr
     * CARD_LIABILITY U; Cr ESCROW e; Cr RISK_DEPOSIT_HELD d; Dr RISK_DEPOSIT d; Cr PLATFORM_GUARANTEE_FUND f; Dr
     * SUBROGATION_RECEIVABLE f; Cr MERCHANT_ADVANCE d + f (U = e + d + f; zero lines left out). Until session 9 the
     * entitlement went first through the card's CONSUMER_REFUNDS_PAYABLE in a transfer of its own
     * ({@code compensation:<caseId>:<cardId>}, Dr CARD_LIABILITY U / Cr CONSUMER_REFUNDS_PAYABLE U) and this one debited
     * that account instead; both always committed together, so the payable never held the money at any committed
     * moment: the net transfer books the same movements with two entries, one header and one account per card fewer.
     * With a successor (TAKEOVER) the value does not leave to the consumer but goes, in the same transfer, into the
     * successor's escrow for the new card: + Dr ESCROW(successor) U / Cr CARD_LIABILITY(new card) U.
     */
    private NewTransfer compensatedTransfer(Accounts accounts, UUID caseId, UUID cardId, UUID merchantId, Money escrow, Money deposit,
                                    Money fund, UUID successorId, UUID successorCardId) {
        Currency c = escrow.currency();
        Money total = escrow.plus(deposit).plus(fund);
        List<EntryLine> lines = new ArrayList<>();
        lines.add(EntryLine.debit(accounts.of(AccountType.CARD_LIABILITY, cardId, c), total));
        addSources(lines, accounts, merchantId, escrow, deposit, fund);
        if (successorId != null) {
            lines.add(EntryLine.debit(accounts.of(AccountType.ESCROW, successorId, c), total));
            lines.add(EntryLine.credit(accounts.of(AccountType.CARD_LIABILITY, successorCardId, c), total));
        }
        return (new NewTransfer("compensation-paid:" + caseId + ":" + cardId, successorId == null
                ? "closure " + caseId + ": card " + cardId + " compensated and paid"
                : "closure " + caseId + ": card " + cardId + " taken over by " + successorId + " as card " + successorCardId, lines));
    }
}
