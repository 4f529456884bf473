package org.fangxin.bank.reconciliation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.fangxin.shared.Money;
import org.junit.jupiter.api.Test;

/**
 * Random days of activity built from a seed: clean data must match completely, and k injected faults must give
 * exactly k breaks of the injected kinds.
 */
class ReconciliationProperties {

    static final LocalDate START = LocalDate.of(2026, 1, 1);
    static final List<String> ACCOUNTS = List.of("11050101", "11050102", "11050103");

    final Reconciler reconciler = Reconciler.withDefaultTolerance();

    /** A clean statement: every movement booked by the bank 0..2 days later, some lines without the end-to-end id. */
    record Day(List<StatementLine> lines, List<LedgerMovement> movements) {
    }

    static Day cleanDay(Random random, int size) {
        var movements = new ArrayList<LedgerMovement>();
        var lines = new ArrayList<StatementLine>();
        for (int i = 0; i < size; i++) {
            String account = ACCOUNTS.get(random.nextInt(ACCOUNTS.size()));
            // Whole yuan, few distinct values, so amount matching meets crowded buckets. From 2 yuan: an injected
            // sub-yuan fee is then beyond the near-amount reach (1 yuan) of every movement, so it is never a typo of one.
            long fen = (2 + random.nextInt(19)) * 100L * (random.nextBoolean() ? 1 : -1);
            LocalDate date = START.plusDays(random.nextInt(10));
            String endToEndId = "E2E-" + i;
            movements.add(new LedgerMovement("M" + i, account, date, Money.fen(fen), endToEndId));
            LocalDate booked = date.plusDays(random.nextInt(3));
            String echoed = random.nextInt(4) == 0 ? null : endToEndId;
            lines.add(new StatementLine("L" + i, account, booked, booked, Money.fen(fen), echoed, "R" + i, "line " + i));
        }
        shuffle(lines, random);
        shuffle(movements, random);
        return new Day(lines, movements);
    }

    @Test
    void everyCleanLineMatchesAndNoBreakIsReported() {
        qt().withExamples(200).forAll(longs().between(0, Long.MAX_VALUE), integers().between(0, 300))
                .checkAssert(this::everyCleanLineMatches);
    }

    private void everyCleanLineMatches(long seed, int size) {
        Day day = cleanDay(new Random(seed), size);

        var result = reconciler.reconcile(day.lines(), day.movements());

        assertThat(result.breaks()).isEmpty();
        assertThat(result.matches()).hasSize(size);
        assertThat(result.autoMatchRateBasisPoints()).isEqualTo(10_000);
    }

    enum Fault { RETURNED_PAYMENT, FEE, DUPLICATE_LINE, MISSING_LINE, AMOUNT_TYPO, DATE_SHIFT }

    static BreakKind expected(Fault fault) {
        return switch (fault) {
            case RETURNED_PAYMENT, FEE -> BreakKind.BANK_ONLY;
            case DUPLICATE_LINE -> BreakKind.DUPLICATE;
            case MISSING_LINE -> BreakKind.LEDGER_ONLY;
            case AMOUNT_TYPO -> BreakKind.AMOUNT_MISMATCH;
            case DATE_SHIFT -> BreakKind.DATE_MISMATCH;
        };
    }

    @Test
    void injectedFaultsGiveExactlyOneBreakEachOfTheRightKind() {
        qt().withExamples(300).forAll(longs().between(0, Long.MAX_VALUE), integers().between(20, 300), integers().between(0, 15))
                .checkAssert(this::injectedFaultsGiveOneBreakEach);
    }

    private void injectedFaultsGiveOneBreakEach(long seed, int size, int faultCount) {
        var random = new Random(seed);
        Day day = cleanDay(random, size);
        var lines = new ArrayList<>(day.lines());
        var touched = new HashSet<Integer>(); // each fault on its own clean line, so faults do not mask each other
        var injected = new EnumMap<BreakKind, Integer>(BreakKind.class);
        for (int f = 0; f < faultCount; f++) {
            Fault fault = Fault.values()[random.nextInt(Fault.values().length)];
            boolean needsEndToEndId = fault == Fault.RETURNED_PAYMENT || fault == Fault.AMOUNT_TYPO || fault == Fault.DATE_SHIFT;
            int index = untouchedLine(lines, touched, random, needsEndToEndId);
            if (index < 0) {
                continue; // not enough suitable clean lines left for this fault
            }
            StatementLine line = lines.get(index);
            switch (fault) {
                case RETURNED_PAYMENT -> lines.add(new StatementLine("RET" + f, line.accountNumber(), line.bookingDate().plusDays(1),
                        line.valueDate().plusDays(1), line.signedAmount().negate(), line.endToEndId(), "RR" + f, "return AC04"));
                case FEE -> lines.add(new StatementLine("FEE" + f, line.accountNumber(), line.bookingDate(), line.valueDate(),
                        Money.fen(-(1 + random.nextInt(99))), null, "RF" + f, "fee")); // never whole yuan: no clean movement has it
                case DUPLICATE_LINE -> lines.add(new StatementLine("DUP" + f, line.accountNumber(),
                        line.bookingDate(), line.valueDate(), line.signedAmount(), line.endToEndId(), line.bankReference(), line.description()));
                case MISSING_LINE -> lines.set(index, null);
                case AMOUNT_TYPO -> lines.set(index, withAmount(line, line.signedAmount().times(10)));
                case DATE_SHIFT -> lines.set(index, withBookingDate(line, line.bookingDate().plusDays(3 + random.nextInt(20))));
            }
            touched.add(index);
            injected.merge(expected(fault), 1, Integer::sum);
        }
        lines.removeIf(l -> l == null);
        shuffle(lines, random); // added lines anywhere, e.g. a duplicate before its original

        var result = reconciler.reconcile(lines, day.movements());

        int faults = injected.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(result.breaks()).hasSize(faults);
        assertThat(result.breakCounts()).isEqualTo(injected);
        everyItemAppearsExactlyOnce(result, lines, day.movements());
    }

    @Test
    void everyLineAndMovementIsAccountedForExactlyOnceWhateverTheData() {
        qt().withExamples(200).forAll(longs().between(0, Long.MAX_VALUE), integers().between(0, 200))
                .checkAssert(this::everyItemIsAccountedFor);
    }

    private void everyItemIsAccountedFor(long seed, int size) {
        // Messy data: random ids, amounts, accounts and dates on both sides, unrelated to each other.
        var random = new Random(seed);
        var lines = new ArrayList<StatementLine>();
        var movements = new ArrayList<LedgerMovement>();
        for (int i = 0; i < size; i++) {
            LocalDate date = START.plusDays(random.nextInt(6));
            String account = ACCOUNTS.get(random.nextInt(2));
            Money amount = Money.fen((random.nextInt(5) - 2) * 100L);
            String id = random.nextInt(3) == 0 ? null : "E" + random.nextInt(size / 2 + 1);
            if (random.nextBoolean()) {
                lines.add(new StatementLine("L" + i, account, date, date, amount, id, random.nextInt(4) == 0 ? "" : "R" + random.nextInt(size + 1), ""));
            } else {
                movements.add(new LedgerMovement("M" + i, account, date, amount, id));
            }
        }

        everyItemAppearsExactlyOnce(reconciler.reconcile(lines, movements), lines, movements);
    }

    static void everyItemAppearsExactlyOnce(ReconciliationResult result, List<StatementLine> lines, List<LedgerMovement> movements) {
        var seenLines = new ArrayList<String>();
        var seenMovements = new ArrayList<String>();
        for (Match match : result.matches()) {
            seenLines.add(match.line().lineId());
            if (match.rule() == MatchRule.RETURN_PAIR) {
                // A debit and its return pair with each other, not with a ledger movement; the partner is a line.
                String partner = match.movement().movementId().substring("bank-return:".length());
                assertThat(result.matches()).anySatisfy(other -> {
                    assertThat(other.line().lineId()).isEqualTo(partner);
                    assertThat(other.line().signedAmount()).isEqualTo(match.line().signedAmount().negate());
                    assertThat(other.line().endToEndId()).isEqualTo(match.line().endToEndId());
                });
                continue;
            }
            seenMovements.add(match.movement().movementId());
            assertThat(match.line().signedAmount()).isEqualTo(match.movement().signedAmount());
            assertThat(match.line().accountNumber()).isEqualTo(match.movement().accountNumber());
        }
        for (Break b : result.breaks()) {
            if (b.line() != null) {
                seenLines.add(b.line().lineId());
            }
            if (b.movement() != null) {
                seenMovements.add(b.movement().movementId());
            }
        }
        assertThat(seenLines).containsExactlyInAnyOrderElementsOf(lines.stream().map(StatementLine::lineId).toList());
        assertThat(seenMovements).containsExactlyInAnyOrderElementsOf(movements.stream().map(LedgerMovement::movementId).toList());
    }

    private static int untouchedLine(List<StatementLine> lines, java.util.Set<Integer> touched, Random random, boolean needsEndToEndId) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int index = random.nextInt(lines.size());
            StatementLine line = lines.get(index);
            if (line != null && !touched.contains(index) && line.lineId().startsWith("L") && (!needsEndToEndId || line.endToEndId() != null)) {
                return index;
            }
        }
        return -1;
    }

    private static StatementLine withAmount(StatementLine line, Money amount) {
        return new StatementLine(line.lineId(), line.accountNumber(), line.bookingDate(), line.valueDate(), amount,
                line.endToEndId(), line.bankReference(), line.description());
    }

    private static StatementLine withBookingDate(StatementLine line, LocalDate date) {
        return new StatementLine(line.lineId(), line.accountNumber(), date, date, line.signedAmount(),
                line.endToEndId(), line.bankReference(), line.description());
    }

    private static <T> void shuffle(List<T> list, Random random) {
        java.util.Collections.shuffle(list, random);
    }

}
