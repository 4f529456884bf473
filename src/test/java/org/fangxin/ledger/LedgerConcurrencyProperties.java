package org.fangxin.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.sessions.JqwikSession;
import org.fangxin.ledger.domain.TransferRules;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Random sequences of ledger operations (postings, replays, reused keys, reversals, and keys contested by several
 * threads) generated with jqwik's arbitraries from a fixed seed per run, executed against the real database; after
 * every step the ledger's invariants must hold and every rejected operation must have written nothing. A jqwik
 * {@code @Property} cannot join the shared Spring context, so the runs are a JUnit loop over seeds; rerun a failure
 * with {@code -Dledger.seed=<seed printed in the assertion>}.
 */
class LedgerConcurrencyProperties extends IntegrationTest {

    private static final long BASE_SEED = Long.getLong("ledger.seed", 20_261_127L);
    private static final int GENERATION_SIZE = 1000;
    private static final Currency CNY = Money.CNY;
    private static final Currency USD = Currency.getInstance("USD");
    private static final Set<ProblemType> EXPECTED_REFUSALS = Set.of(LedgerProblems.INSUFFICIENT_BALANCE,
            LedgerProblems.POSTING_KEY_REUSED, LedgerProblems.ALREADY_REVERSED);

    @Autowired
    Ledger ledger;

    sealed interface Op permits Post, Replay, Reuse, Reverse, Contested { }

    /** Lines in CNY from {@code amounts} (the last line balances them), plus a USD pair when usdAmount > 0. */
    record Post(List<Long> amounts, List<Integer> picks, long usdAmount) implements Op { }

    record Replay(int pick) implements Op { }

    record Reuse(int pick, long bump) implements Op { }

    record Reverse(int pick) implements Op { }

    record Contested(int slot) implements Op { }

    /** Fresh accounts per run, so exact balances can be compared with a model: constrained and unconstrained. */
    record Universe(String run, List<AccountView> cny, List<AccountView> usd, List<Post> contested) {
        List<AccountView> all() {
            List<AccountView> all = new ArrayList<>(cny);
            all.addAll(usd);
            return all;
        }
    }

    /** What a step did to balances: the signed change per account (empty for a refusal or a replay). */
    record Outcome(Map<AccountId, Long> delta) {
        static final Outcome NONE = new Outcome(Map.of());
    }

    /** The per-thread memory of accepted transfers and the content they were posted with. */
    static final class History {
        final List<TransferView> accepted = new ArrayList<>();
        final Map<TransferId, NewTransfer> content = new HashMap<>();
    }

    static Arbitrary<Post> posts() {
        return Combinators.combine(
                Arbitraries.longs().between(-5_000, 5_000).filter(v -> v != 0).list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.integers().between(0, 999).list().ofSize(4),
                Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0L)), Tuple.of(1, Arbitraries.longs().between(1, 3_000))))
                .as(Post::new);
    }

    static Arbitrary<Op> operations() {
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 10_000);
        return Arbitraries.frequencyOf(
                Tuple.of(10, posts().map(p -> (Op) p)),
                Tuple.of(2, pick.map(p -> (Op) new Replay(p))),
                Tuple.of(2, Combinators.combine(pick, Arbitraries.longs().between(1, 500)).as((p, b) -> (Op) new Reuse(p, b))),
                Tuple.of(3, pick.map(p -> (Op) new Reverse(p))),
                Tuple.of(2, Arbitraries.integers().between(0, 7).map(s -> (Op) new Contested(s))));
    }

    private static <T> List<T> generate(Arbitrary<T> arbitrary, int count, Random random) {
        // Arbitraries outside a @Property need a jqwik session; the values come from our seeded Random.
        JqwikSession.start();
        try {
            var generator = arbitrary.generator(GENERATION_SIZE);
            return IntStream.range(0, count).mapToObj(i -> generator.next(random).value()).toList();
        } finally {
            JqwikSession.finish();
        }
    }

    private Universe universe(String run, Random random) {
        UUID merchant = UUID.randomUUID();
        UUID card = UUID.randomUUID();
        List<AccountView> cny = List.of(ledger.open(AccountType.ESCROW, merchant, CNY),
                ledger.open(AccountType.CARD_LIABILITY, card, CNY),
                ledger.open(AccountType.MERCHANT_ADVANCE, merchant, CNY, false),
                ledger.open(AccountType.MERCHANT_PAYABLE, merchant, CNY, false));
        List<AccountView> usd = List.of(ledger.open(AccountType.ESCROW, merchant, USD),
                ledger.open(AccountType.CARD_LIABILITY, card, USD),
                ledger.open(AccountType.MERCHANT_PAYABLE, merchant, USD, false));
        return new Universe(run, cny, usd, generate(posts(), 8, random));
    }

    @Test
    void sequentialRandomOperationsKeepTheInvariantsAndRefusalsChangeNothing() {
        for (int run = 0; run < 3; run++) {
            long seed = BASE_SEED + run;
            Random random = new Random(seed);
            Universe universe = universe("seq-" + seed + "-" + UUID.randomUUID(), random);
            List<Op> ops = generate(operations(), 60, random);
            History history = new History();
            Set<TransferId> seen = ConcurrentHashMap.newKeySet();
            for (int step = 0; step < ops.size(); step++) {
                String where = "seed " + seed + " step " + step + " " + ops.get(step);
                Map<AccountId, Long> before = balances(universe);
                Outcome outcome = execute(ops.get(step), universe, "t0", step, history, seen);
                Map<AccountId, Long> expected = new HashMap<>(before);
                outcome.delta().forEach((account, delta) -> expected.merge(account, delta, Long::sum));
                assertThat(balances(universe)).as(where).isEqualTo(expected);
                assertInvariants(where);
            }
        }
    }

    @Test
    void concurrentRandomOperationsKeepTheInvariantsAndMatchTheModel() throws Exception {
        int threads = 4;
        for (int run = 0; run < 3; run++) {
            long seed = BASE_SEED + 100 + run;
            Random random = new Random(seed);
            Universe universe = universe("con-" + seed + "-" + UUID.randomUUID(), random);
            List<List<Op>> plans = IntStream.range(0, threads).mapToObj(t -> generate(operations(), 30, random)).toList();
            Map<AccountId, Long> model = new ConcurrentHashMap<>(balances(universe));
            Set<TransferId> seen = ConcurrentHashMap.newKeySet();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String thread = "t" + t;
                    List<Op> plan = plans.get(t);
                    futures.add(pool.submit(() -> {
                        start.await();
                        History history = new History();
                        for (int step = 0; step < plan.size(); step++) {
                            String where = "seed " + seed + " " + thread + " step " + step + " " + plan.get(step);
                            Outcome outcome = execute(plan.get(step), universe, thread, step, history, seen);
                            outcome.delta().forEach((account, delta) -> model.merge(account, delta, Long::sum));
                            assertInvariants(where);
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> future : futures) {
                    future.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(balances(universe)).as("seed " + seed + ": balances equal the sum of accepted operations")
                    .isEqualTo(model);
        }
    }

    private Outcome execute(Op op, Universe universe, String thread, int step, History history, Set<TransferId> seen) {
        String key = "prop:" + universe.run() + ":" + thread + ":" + step;
        if (op instanceof Post post) {
            return attempt(key, transfer(key, post, universe), history, seen);
        }
        if (op instanceof Contested contested) {
            String shared = "prop:" + universe.run() + ":contested:" + contested.slot();
            return attempt(shared, transfer(shared, universe.contested().get(contested.slot()), universe), history, seen);
        }
        if (history.accepted.isEmpty()) {
            return Outcome.NONE;
        }
        if (op instanceof Replay replay) {
            TransferView original = history.accepted.get(replay.pick() % history.accepted.size());
            TransferView again = original.reverses() == null
                    ? ledger.post(history.content.get(original.id()))
                    : ledger.reverse(original.reverses(), original.postingKey(), "replayed");
            assertThat(again.id()).as("a replay returns the first transfer").isEqualTo(original.id());
            return Outcome.NONE;
        }
        if (op instanceof Reuse reuse) {
            return reuse(reuse, history);
        }
        return reverse((Reverse) op, key, history, seen);
    }

    private Outcome reuse(Reuse reuse, History history) {
        List<TransferView> posted = history.accepted.stream().filter(t -> t.reverses() == null).toList();
        if (posted.isEmpty()) {
            return Outcome.NONE;
        }
        TransferView original = posted.get(reuse.pick() % posted.size());
        NewTransfer changed = changed(history.content.get(original.id()), reuse.bump());
        Rejection refusal = refusal(() -> ledger.post(changed));
        assertThat(refusal).as("reused key " + original.postingKey()).isNotNull();
        assertThat(refusal.type()).isEqualTo(LedgerProblems.POSTING_KEY_REUSED);
        assertThat(ledger.transfer(original.id()).entries()).isEqualTo(original.entries());
        return Outcome.NONE;
    }

    private Outcome reverse(Reverse reverse, String key, History history, Set<TransferId> seen) {
        TransferView original = history.accepted.get(reverse.pick() % history.accepted.size());
        TransferView[] result = new TransferView[1];
        Rejection refusal = refusal(() -> result[0] = ledger.reverse(original.id(), key, "property test"));
        if (refusal != null) {
            assertThat(refusal.type()).isIn(LedgerProblems.ALREADY_REVERSED, LedgerProblems.INSUFFICIENT_BALANCE);
            assertThat(ledger.findTransfer(key)).as("a refused reversal writes nothing").isEmpty();
            return Outcome.NONE;
        }
        return accepted(result[0], history, null, seen);
    }

    private Outcome attempt(String key, NewTransfer transfer, History history, Set<TransferId> seen) {
        TransferView[] result = new TransferView[1];
        Rejection refusal = refusal(() -> result[0] = ledger.post(transfer));
        if (refusal != null) {
            assertThat(refusal.type()).as(refusal.getMessage()).isEqualTo(LedgerProblems.INSUFFICIENT_BALANCE);
            if (!key.contains(":contested:")) {
                assertThat(ledger.findTransfer(key)).as("a refused posting writes nothing").isEmpty();
            }
            return Outcome.NONE;
        }
        assertThat(TransferRules.difference(LedgerRepositoryLines.of(result[0]), transfer.lines())).isEmpty();
        return accepted(result[0], history, transfer, seen);
    }

    /** Remembers an accepted transfer and returns its effect, once per transfer (a contested key is shared). */
    private static Outcome accepted(TransferView transfer, History history, NewTransfer content, Set<TransferId> seen) {
        Map<Currency, Long> sums = TransferRules.sumsByCurrency(LedgerRepositoryLines.of(transfer));
        assertThat(sums.values()).as("transfer " + transfer.id() + " balances per currency").allMatch(sum -> sum == 0);
        if (!history.content.containsKey(transfer.id())) {
            history.accepted.add(transfer);
            history.content.put(transfer.id(), content);
        }
        if (!seen.add(transfer.id())) {
            return Outcome.NONE;
        }
        Map<AccountId, Long> delta = new HashMap<>();
        transfer.entries().forEach(entry -> delta.merge(entry.accountId(), entry.amount().amountMinor(), Long::sum));
        return new Outcome(delta);
    }

    private void assertInvariants(String where) {
        InvariantReport report = ledger.checkInvariants();
        assertThat(report.holds()).as(where + ": " + report.invariants()).isTrue();
    }

    private Map<AccountId, Long> balances(Universe universe) {
        Map<AccountId, Long> balances = new HashMap<>();
        for (AccountView account : universe.all()) {
            balances.put(account.id(), ledger.account(account.id()).balance().amountMinor());
        }
        return balances;
    }

    private static NewTransfer transfer(String key, Post post, Universe universe) {
        List<EntryLine> lines = new ArrayList<>(balancedLines(post, universe.cny(), CNY));
        if (post.usdAmount() > 0) {
            List<AccountView> order = ordered(universe.usd(), post.picks());
            Money amount = new Money(post.usdAmount(), USD);
            lines.add(EntryLine.debit(order.get(0).id(), amount));
            lines.add(EntryLine.credit(order.get(1).id(), amount));
        }
        return new NewTransfer(key, "property test", lines);
    }

    private static List<EntryLine> balancedLines(Post post, List<AccountView> accounts, Currency currency) {
        List<AccountView> order = ordered(accounts, post.picks());
        int count = Math.min(post.amounts().size() + 1, accounts.size());
        long[] amounts = new long[count];
        long sum = 0;
        for (int i = 0; i < count - 1; i++) {
            amounts[i] = post.amounts().get(i);
            sum += amounts[i];
        }
        if (sum == 0) {
            amounts[0] += amounts[0] > 0 ? 1 : -1;
            sum += amounts[0] > 0 ? 1 : -1;
        }
        amounts[count - 1] = -sum;
        List<EntryLine> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(new EntryLine(order.get(i).id(), new Money(amounts[i], currency)));
        }
        return lines;
    }

    /** A deterministic permutation of the accounts, driven by the generated picks. */
    private static List<AccountView> ordered(List<AccountView> accounts, List<Integer> picks) {
        return IntStream.range(0, accounts.size()).boxed()
                .sorted(Comparator.<Integer>comparingInt(i -> picks.get(i % picks.size())).thenComparingInt(i -> i))
                .map(accounts::get).toList();
    }

    /** The same transfer with {@code bump} moved from the second line to the first: balanced, but different. */
    private static NewTransfer changed(NewTransfer transfer, long bump) {
        List<EntryLine> lines = new ArrayList<>(transfer.lines());
        EntryLine first = lines.get(0);
        EntryLine second = lines.get(1);
        long delta = first.amount().amountMinor() + bump == 0 || second.amount().amountMinor() - bump == 0 ? bump + 1 : bump;
        lines.set(0, new EntryLine(first.account(), new Money(first.amount().amountMinor() + delta, first.amount().currency())));
        lines.set(1, new EntryLine(second.account(), new Money(second.amount().amountMinor() - delta, second.amount().currency())));
        return new NewTransfer(transfer.postingKey(), transfer.description(), lines);
    }

    private static Rejection refusal(Runnable command) {
        try {
            command.run();
            return null;
        } catch (Rejection rejection) {
            assertThat(EXPECTED_REFUSALS).as(rejection.getMessage()).contains(rejection.type());
            return rejection;
        }
    }

    /** Entry views back to lines, for comparing and summing. */
    static final class LedgerRepositoryLines {
        static List<EntryLine> of(TransferView transfer) {
            return transfer.entries().stream().map(e -> new EntryLine(e.accountId(), e.amount())).toList();
        }
    }
}
