package org.fangxin.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fangxin.ledger.EntryLine.credit;
import static org.fangxin.ledger.EntryLine.debit;
import static org.fangxin.shared.Money.fen;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.fangxin.ledger.LedgerKeyedPostingTests.Books;
import org.fangxin.ledger.persistence.KeyedPostingRepository;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.modulith.test.ApplicationModuleTest;

/**
 * A group commit's transfers posted set-based ({@code ledger.post_keyed_batch}, issue 15 session 11): each account
 * locked once and each balance row or slot written once, with the books the transfer-by-transfer loop
 * ({@code ledger.post_keyed_transfers}) leaves; whenever the loop would leave the common path the batch gives up,
 * writing nothing, and {@link Ledger#postKeyed(List)} posts it through the loop as before.
 */
@ApplicationModuleTest(extraIncludes = "shared", webEnvironment = WebEnvironment.NONE)
class LedgerKeyedBatchTests extends LedgerModuleTest {

    @Autowired
    KeyedPostingRepository repository;

    private Books books(long funded, long... advances) {
        AccountView card = ConcurrentBooks.fundedCards(ledger, 1, funded).get(0);
        Books books = new Books(card.ownerId(), UUID.randomUUID());
        return withAdvance(books, advances);
    }

    /** Opens the merchant's payable and advance, and posts each advance (each lands in a free slot holding least). */
    private Books withAdvance(Books books, long... advances) {
        AccountView payable = ledger.open(AccountType.MERCHANT_PAYABLE, books.merchant(), Money.CNY);
        AccountView advance = ledger.open(AccountType.MERCHANT_ADVANCE, books.merchant(), Money.CNY);
        for (long a : advances) {
            ledger.post(NewTransfer.of(key("advance"), "advance", debit(advance.id(), fen(a)), credit(payable.id(), fen(a))));
        }
        return books;
    }

    private static KeyedTransfer redemption(Books books, long value, long netted) {
        return LedgerKeyedPostingTests.redemption(books, value, netted, key("redemption"));
    }

    private Long normal(AccountType type, UUID owner) {
        return ledger.findAccount(type, owner, Money.CNY).map(a -> a.normalBalance().amountMinor()).orElse(null);
    }

    /** Posts through one of the repository's two paths, as the facade does, in one transaction; empty = gave up. */
    private List<List<EntryView>> post(List<KeyedTransfer> batch, boolean setBased) {
        List<TransferId> ids = batch.stream().map(t -> new TransferId(UUID.randomUUID())).toList();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return transactions.execute(s -> setBased
                ? repository.postKeyedBatch(ids, batch, now).orElse(List.of())
                : repository.postKeyedAll(ids, batch, now));
    }

    private long transfersWithKeyPrefix(List<KeyedTransfer> batch) {
        return batch.stream().filter(t -> ledger.findTransfer(t.postingKey()).isPresent()).count();
    }

    @Test
    void postsAMixedBatchWithEachAccountWrittenOnce() {
        Books drawn = books(1_000, 400);
        Books sameMerchant = new Books(books(500).card(), drawn.merchant());
        Books other = books(800);
        List<KeyedTransfer> batch = List.of(redemption(drawn, 300, 100), redemption(sameMerchant, 200, 0),
                redemption(drawn, 100, 50), redemption(other, 250, 0));

        List<List<EntryView>> posted = post(batch, true);

        assertThat(posted).hasSize(4).allSatisfy(entries -> assertThat(entries).isNotEmpty());
        assertThat(posted).extracting(List::size).containsExactly(3, 2, 3, 2);
        assertThat(posted.stream().flatMap(List::stream).map(EntryView::id).toList()).isSorted();
        assertThat(normal(AccountType.CARD_LIABILITY, drawn.card())).isEqualTo(600);
        assertThat(normal(AccountType.CARD_LIABILITY, sameMerchant.card())).isEqualTo(300);
        assertThat(normal(AccountType.MERCHANT_ADVANCE, drawn.merchant())).isEqualTo(250);
        assertThat(normal(AccountType.MERCHANT_PAYABLE, drawn.merchant())).isEqualTo(400 + 200 + 200 + 50);
        assertThat(normal(AccountType.MERCHANT_PAYABLE, other.merchant())).isEqualTo(250);
        // the advance's credit sits in one payable slot, the batch's three credits in ONE other (the loop takes three)
        assertThat(nonZeroSlots(drawn.merchant(), AccountType.MERCHANT_PAYABLE)).isEqualTo(2);
        assertThat(ledger.checkInvariants().holds()).isTrue();
    }

    private long nonZeroSlots(UUID merchant, AccountType type) {
        return jdbc.sql("""
                select count(*) from ledger.balance_slot s join ledger.account a on a.id = s.account_id
                 where a.type = :type and a.owner_id = :owner and s.balance_minor <> 0
                """).param("type", type.name()).param("owner", merchant).query(Long.class).single();
    }

    @Test
    void checksACardRedeemedManyTimesOnItsRunningBalance() {
        Books books = books(500);
        List<KeyedTransfer> fits = List.of(redemption(books, 200, 0), redemption(books, 200, 0), redemption(books, 100, 0));
        assertThat(post(fits, true)).allSatisfy(entries -> assertThat(entries).hasSize(2));
        assertThat(normal(AccountType.CARD_LIABILITY, books.card())).isEqualTo(0);

        Books again = books(500);
        List<KeyedTransfer> third = List.of(redemption(again, 200, 0), redemption(again, 200, 0), redemption(again, 200, 0));
        assertThat(post(third, true)).isEmpty();
        assertThat(transfersWithKeyPrefix(third)).isZero();
        assertThat(normal(AccountType.CARD_LIABILITY, again.card())).isEqualTo(500);
    }

    @Test
    void refusesTheWholeCallWhenATransferMidBatchBreaksAFloor() {
        Books rich = books(1_000);
        Books poor = books(100);
        List<KeyedTransfer> batch = List.of(redemption(rich, 300, 0), redemption(poor, 101, 0), redemption(rich, 300, 0));
        assertThat(post(batch, true)).isEmpty();
        assertThat(transfersWithKeyPrefix(batch)).isZero();

        assertThatThrownBy(() -> transactions.executeWithoutResult(s -> ledger.postKeyed(batch)))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.type()).isEqualTo(LedgerProblems.INSUFFICIENT_BALANCE));
        assertThat(transfersWithKeyPrefix(batch)).isZero();
        assertThat(normal(AccountType.CARD_LIABILITY, rich.card())).isEqualTo(1_000);
        assertThat(normal(AccountType.CARD_LIABILITY, poor.card())).isEqualTo(100);
    }

    @Test
    void givesUpADrawNoSingleSlotCoversAndTheLoopPostsIt() {
        Books books = books(1_000, 100, 100, 100);
        List<KeyedTransfer> batch = List.of(redemption(books, 80, 60), redemption(books, 80, 60));
        assertThat(post(batch, true)).isEmpty();

        List<TransferView> posted = ledger.postKeyed(batch);
        assertThat(posted).hasSize(2);
        assertThat(normal(AccountType.MERCHANT_ADVANCE, books.merchant())).isEqualTo(300 - 120);
        assertThat(ledger.checkInvariants().holds()).isTrue();
    }

    @Test
    void givesUpWhenAnAccountIsNotOpenedOrAKeyIsTakenAndTheFacadeFinishesAsTheLoopDoes() {
        Books open = books(1_000);
        Books unopened = new Books(ConcurrentBooks.fundedCards(ledger, 1, 500).get(0).ownerId(), UUID.randomUUID());
        List<KeyedTransfer> batch = List.of(redemption(open, 100, 0), redemption(unopened, 100, 0));
        assertThat(post(batch, true)).isEmpty();
        assertThat(ledger.postKeyed(batch)).hasSize(2);
        assertThat(normal(AccountType.MERCHANT_PAYABLE, unopened.merchant())).isEqualTo(100);

        KeyedTransfer first = redemption(open, 100, 0);
        TransferView alone = ledger.post(first);
        List<KeyedTransfer> replay = List.of(redemption(open, 50, 0), first);
        assertThat(post(replay, true)).isEmpty();
        assertThat(ledger.postKeyed(replay).get(1).id()).isEqualTo(alone.id());
        assertThat(normal(AccountType.CARD_LIABILITY, open.card())).isEqualTo(1_000 - 100 - 100 - 50);
    }

    /**
     * Random batches over a few cards and merchants (advances spread over slots, cards short of value), each posted on
     * two copies of the same books: set-based on one, transfer by transfer on the other. Whenever the set-based call
     * posts, the loop posts every transfer too, with the same entries and the same balances; otherwise it wrote nothing.
     */
    @Test
    void aRandomBatchLeavesTheBooksTheLoopLeaves() {
        Random random = new Random(20_261_207L);
        int setBased = 0;
        for (int trial = 0; trial < 40; trial++) {
            int cards = 1 + random.nextInt(4);
            int merchants = 1 + random.nextInt(2);
            long[] funded = random.longs(cards, 50, 600).toArray();
            long[][] advances = new long[merchants][];
            for (int m = 0; m < merchants; m++) {
                advances[m] = random.longs(random.nextInt(4), 20, 200).toArray();
            }
            List<int[]> plan = new ArrayList<>(); // card, merchant, value, netted
            for (int t = 0, n = 1 + random.nextInt(8); t < n; t++) {
                int m = random.nextInt(merchants);
                int value = 10 + random.nextInt(200);
                int netted = advances[m].length == 0 || random.nextBoolean() ? 0 : random.nextInt(value + 1);
                plan.add(new int[] {random.nextInt(cards), m, value, netted});
            }
            List<Map<AccountType, List<Long>>> books = new ArrayList<>();
            List<List<List<EntryView>>> outcomes = new ArrayList<>();
            for (boolean set : new boolean[] {true, false}) {
                List<Books> cardBooks = new ArrayList<>();
                List<UUID> merchantIds = new ArrayList<>();
                for (int m = 0; m < merchants; m++) {
                    merchantIds.add(withAdvance(new Books(null, UUID.randomUUID()), advances[m]).merchant());
                }
                for (long f : funded) {
                    cardBooks.add(new Books(ConcurrentBooks.fundedCards(ledger, 1, f).get(0).ownerId(), null));
                }
                Function<int[], Books> at = p -> new Books(cardBooks.get(p[0]).card(), merchantIds.get(p[1]));
                outcomes.add(post(plan.stream().map(p -> redemption(at.apply(p), p[2], p[3])).toList(), set));
                books.add(Map.of(
                        AccountType.CARD_LIABILITY, cardBooks.stream().map(b -> normal(AccountType.CARD_LIABILITY, b.card())).toList(),
                        AccountType.MERCHANT_PAYABLE, merchantIds.stream().map(m -> normal(AccountType.MERCHANT_PAYABLE, m)).toList(),
                        AccountType.MERCHANT_ADVANCE, merchantIds.stream().map(m -> normal(AccountType.MERCHANT_ADVANCE, m)).toList()));
            }
            if (outcomes.get(0).isEmpty()) { // gave up: wrote nothing
                assertThat(books.get(0).get(AccountType.CARD_LIABILITY)).containsExactlyElementsOf(
                        java.util.Arrays.stream(funded).boxed().toList());
                continue;
            }
            setBased++;
            assertThat(outcomes.get(1)).allSatisfy(entries -> assertThat(entries).isNotEmpty());
            assertThat(amounts(outcomes.get(0))).isEqualTo(amounts(outcomes.get(1)));
            assertThat(books.get(0)).isEqualTo(books.get(1));
        }
        assertThat(setBased).isGreaterThan(10);
        assertThat(ledger.checkInvariants().holds()).isTrue();
    }

    private static List<List<Long>> amounts(List<List<EntryView>> posted) {
        return posted.stream().map(entries -> entries.stream().map(e -> e.amount().amountMinor()).toList()).toList();
    }

    /** Two batches race for a card's last 100 fen, each in its own transaction: exactly one is posted. */
    @Test
    void twoConcurrentBatchesForTheLastValueLetExactlyOneThrough() throws Exception {
        Books books = books(100);
        Books other = books(1_000);
        List<String> outcomes = race(2, () -> ledger.postKeyed(List.of(redemption(other, 10, 0),
                redemption(books, 100, 0))));
        assertThat(outcomes).containsExactlyInAnyOrder("posted", "insufficient-balance");
        assertThat(normal(AccountType.CARD_LIABILITY, books.card())).isEqualTo(0);
        assertThat(normal(AccountType.CARD_LIABILITY, other.card())).isEqualTo(990);
        assertThat(ledger.checkInvariants().holds()).isTrue();
    }

    /**
     * A purchase's three transfers (issue 15, session 13): purchase and escrow funding through the ownerless clearing
     * account, then the advance, in one set-based call; each keeps its own header and posting key, the clearing account
     * nets to nothing, and a retry of the call posts nothing twice.
     */
    @Test
    void postsAPurchasesThreeTransfersThroughThePlatformClearingInOneCall() {
        UUID card = UUID.randomUUID();
        UUID merchant = UUID.randomUUID();
        ledger.open(AccountType.CARD_LIABILITY, card, Money.CNY);
        ledger.open(AccountType.ESCROW, merchant, Money.CNY);
        withAdvance(new Books(card, merchant));
        ledger.open(AccountType.CONSUMER_FUNDS_CLEARING, null, Money.CNY);
        Long clearing = normal(AccountType.CONSUMER_FUNDS_CLEARING, null);
        AccountKey clearingKey = new AccountKey(AccountType.CONSUMER_FUNDS_CLEARING, null);
        List<KeyedTransfer> purchase = List.of(
                new KeyedTransfer(key("purchase"), "bought", Money.CNY, List.of(KeyedTransfer.Line.debit(clearingKey, fen(1_000)),
                        KeyedTransfer.Line.credit(new AccountKey(AccountType.CARD_LIABILITY, card), fen(1_000)))),
                new KeyedTransfer(key("escrow-funding"), "settled", Money.CNY, List.of(
                        KeyedTransfer.Line.debit(new AccountKey(AccountType.ESCROW, merchant), fen(1_000)),
                        KeyedTransfer.Line.credit(clearingKey, fen(1_000)))),
                new KeyedTransfer(key("advance"), "advance", Money.CNY, List.of(
                        KeyedTransfer.Line.debit(new AccountKey(AccountType.MERCHANT_ADVANCE, merchant), fen(300)),
                        KeyedTransfer.Line.credit(new AccountKey(AccountType.MERCHANT_PAYABLE, merchant), fen(300)))));

        assertThat(post(purchase, true)).extracting(List::size).containsExactly(2, 2, 2);
        List<TransferView> replayed = ledger.postKeyed(purchase);

        assertThat(replayed).extracting(TransferView::postingKey)
                .containsExactlyElementsOf(purchase.stream().map(KeyedTransfer::postingKey).toList());
        assertThat(normal(AccountType.CARD_LIABILITY, card)).isEqualTo(1_000);
        assertThat(normal(AccountType.ESCROW, merchant)).isEqualTo(1_000);
        assertThat(normal(AccountType.MERCHANT_ADVANCE, merchant)).isEqualTo(300);
        assertThat(normal(AccountType.MERCHANT_PAYABLE, merchant)).isEqualTo(300);
        assertThat(normal(AccountType.CONSUMER_FUNDS_CLEARING, null)).isEqualTo(clearing);
        assertThat(ledger.checkInvariants().holds()).isTrue();
    }
}
