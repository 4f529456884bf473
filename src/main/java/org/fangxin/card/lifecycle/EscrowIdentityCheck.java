package org.fangxin.card.lifecycle;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.card.EscrowChecks;
import org.fangxin.card.EscrowIdentityReport;
import org.fangxin.card.persistence.CardRepository;
import org.fangxin.card.persistence.CardRow;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.LedgerPage;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The escrow identity over one REPEATABLE READ snapshot of cards and ledger (docs/ledger.md, section Escrow identity). Reads
 * balances through the ledger facade, page by page, so it never touches the ledger's tables itself.
 */
@Service
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
public class EscrowIdentityCheck implements EscrowChecks {

    static final int EXAMPLES_MAX = 20;
    static final int PAGE_SIZE = 100;
    static final List<AccountType> MERCHANT_TYPES = List.of(AccountType.ESCROW, AccountType.MERCHANT_PAYABLE,
            AccountType.MERCHANT_SETTLEMENT, AccountType.MERCHANT_ADVANCE);

    private final CardRepository cards;
    private final Ledger ledger;
    private final Clock clock;

    EscrowIdentityCheck(CardRepository cards, Ledger ledger, Clock clock) {
        this.cards = cards;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public EscrowIdentityReport check(Actor actor) {
        // The check spans every merchant's books: a regulator limited to a region or sector reads its merchants'
        // coverage on the oversight dashboard instead.
        if (!actor.is(Role.OPERATOR, Role.REGULATOR) || actor.scoped()) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators and nationwide regulators check the escrow identity");
        }
        return checkAll();
    }

    @Override
    public EscrowIdentityReport checkAll() {
        Map<String, Long> balances = new HashMap<>();
        for (AccountType type : List.of(AccountType.CARD_LIABILITY, AccountType.CONSUMER_REFUNDS_PAYABLE,
                AccountType.ESCROW, AccountType.MERCHANT_PAYABLE, AccountType.MERCHANT_SETTLEMENT, AccountType.MERCHANT_ADVANCE)) {
            for (int page = 0; ; page++) {
                LedgerPage<AccountView> accounts = ledger.accounts(type, null, page, PAGE_SIZE);
                accounts.items().forEach(a -> balances.put(key(type, a.ownerId(), a.normalBalance().currency().getCurrencyCode()),
                        a.normalBalance().amountMinor()));
                if ((long) (page + 1) * PAGE_SIZE >= accounts.totalItems() || accounts.items().isEmpty()) {
                    break;
                }
            }
        }
        Tally tally = new Tally();
        UUID after = null;
        for (List<CardRow> rows; !(rows = cards.page(null, after, 500)).isEmpty(); after = rows.get(rows.size() - 1).id()) {
            rows.forEach(card -> tally.card(card, balances.getOrDefault(key(AccountType.CARD_LIABILITY, card.id(), code(card)), 0L),
                    balances.getOrDefault(key(AccountType.CONSUMER_REFUNDS_PAYABLE, card.id(), code(card)), 0L)));
        }
        tally.unrecovered(cards.advanceUnrecovered(null));
        tally.merchants(type -> (merchant, currency) -> balances.getOrDefault(key(type, merchant, currency), 0L));
        return tally.report(clock);
    }

    @Override
    public EscrowIdentityReport checkMerchant(UUID merchantId) {
        Tally tally = new Tally();
        UUID after = null;
        for (List<CardRow> rows; !(rows = cards.page(merchantId, after, 500)).isEmpty(); after = rows.get(rows.size() - 1).id()) {
            rows.forEach(card -> tally.card(card, balance(AccountType.CARD_LIABILITY, card.id(), card),
                    balance(AccountType.CONSUMER_REFUNDS_PAYABLE, card.id(), card)));
        }
        tally.unrecovered(cards.advanceUnrecovered(merchantId));
        tally.merchants(type -> (merchant, currency) -> ledger.findAccount(type, merchant, java.util.Currency.getInstance(currency))
                .map(a -> a.normalBalance().amountMinor()).orElse(0L));
        return tally.report(clock);
    }

    private long balance(AccountType type, UUID owner, CardRow card) {
        return ledger.findAccount(type, owner, card.currency()).map(a -> a.normalBalance().amountMinor()).orElse(0L);
    }

    private static String code(CardRow card) {
        return card.currency().getCurrencyCode();
    }

    private static String key(AccountType type, UUID owner, String currency) {
        return type + "/" + owner + "/" + currency;
    }

    interface MerchantBalance {
        long of(UUID merchantId, String currency);
    }

    /** Accumulates per-card checks and per-merchant sums, then checks each merchant. */
    private static final class Tally {
        private final List<String> examples = new ArrayList<>();
        private long violations;
        private long cardCount;
        private final Map<String, long[]> perMerchant = new HashMap<>();

        void card(CardRow card, long liability, long refundsPayable) {
            cardCount++;
            if (card.expectedUnredeemedMinor() != liability) {
                violation("card " + card.id() + ": earned " + card.earnedMinor() + " + refunded " + card.refundedMinor()
                        + " + transferred " + card.transferredOutMinor() + " + unredeemed " + liability + " != paid " + card.paidMinor());
            }
            if (card.advanceOutstandingMinor() > liability) {
                violation("card " + card.id() + ": advance outstanding " + card.advanceOutstandingMinor()
                        + " exceeds unredeemed " + liability);
            }
            long[] sums = perMerchant.computeIfAbsent(card.merchantId() + "/" + code(card), k -> new long[3]);
            sums[0] += liability;
            sums[1] += refundsPayable;
            sums[2] += card.advanceOutstandingMinor();
        }

        /** Advance ended cards left unrecovered (refund shortfalls): still in MERCHANT_ADVANCE, owed by the merchant. */
        void unrecovered(Map<String, Long> byMerchant) {
            byMerchant.forEach((key, minor) -> perMerchant.computeIfAbsent(key, k -> new long[3])[2] += minor);
        }

        void merchants(java.util.function.Function<AccountType, MerchantBalance> balances) {
            perMerchant.forEach((key, sums) -> {
                UUID merchant = UUID.fromString(key.substring(0, key.indexOf('/')));
                String currency = key.substring(key.indexOf('/') + 1);
                long escrow = balances.apply(AccountType.ESCROW).of(merchant, currency);
                long payable = balances.apply(AccountType.MERCHANT_PAYABLE).of(merchant, currency);
                long settlement = balances.apply(AccountType.MERCHANT_SETTLEMENT).of(merchant, currency);
                long advance = balances.apply(AccountType.MERCHANT_ADVANCE).of(merchant, currency);
                long expected = sums[0] + sums[1] + payable + settlement - advance;
                if (escrow != expected) {
                    violation("merchant " + merchant + " " + currency + ": ESCROW " + escrow + " != CARD_LIABILITY " + sums[0]
                            + " + CONSUMER_REFUNDS_PAYABLE " + sums[1] + " + MERCHANT_PAYABLE " + payable
                            + " + MERCHANT_SETTLEMENT " + settlement + " - MERCHANT_ADVANCE " + advance);
                }
                if (advance != sums[2]) {
                    violation("merchant " + merchant + " " + currency + ": MERCHANT_ADVANCE " + advance
                            + " != advance outstanding and unrecovered of its cards " + sums[2]);
                }
            });
        }

        void violation(String text) {
            violations++;
            if (examples.size() < EXAMPLES_MAX) {
                examples.add(text);
            }
        }

        EscrowIdentityReport report(Clock clock) {
            return new EscrowIdentityReport(clock.instant(), violations == 0, cardCount, perMerchant.size(), violations, examples);
        }
    }
}
