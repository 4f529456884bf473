package org.fangxin.bank.reconciliation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fangxin.shared.Money;
import org.junit.jupiter.api.Test;

class ReconcilerTests {

    static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    static final String CUSTODY = "11050101";
    final Reconciler reconciler = Reconciler.withDefaultTolerance();

    static LedgerMovement movement(String id, long fen, LocalDate date, String endToEndId) {
        return new LedgerMovement(id, CUSTODY, date, Money.fen(fen), endToEndId);
    }

    static StatementLine line(String id, long fen, LocalDate date, String endToEndId, String reference) {
        return new StatementLine(id, CUSTODY, date, date, Money.fen(fen), endToEndId, reference, "");
    }

    @Test
    void matchesCleanLinesByEndToEndIdAndByAmountAccountAndDate() {
        var movements = List.of(
                movement("M1", -160_000, DAY, "E2E-1"),
                movement("M2", 30_000, DAY, "PUR-1"),
                movement("M3", 50_000, DAY.minusDays(2), null));
        var lines = List.of(
                line("L1", -160_000, DAY.plusDays(1), "E2E-1", "R1"),
                line("L2", 30_000, DAY, null, "R2"),        // the bank dropped the id: matched by amount
                line("L3", 50_000, DAY, null, "R3"));       // two days later: still inside the tolerance

        var result = reconciler.reconcile(lines, movements);

        assertThat(result.breaks()).isEmpty();
        assertThat(result.isClean()).isTrue();
        assertThat(result.autoMatchRateBasisPoints()).isEqualTo(10_000);
        assertThat(result.autoMatchRatePercent()).isEqualTo("100.00%");
        assertThat(result.matches()).extracting(m -> m.line().lineId() + "=" + m.movement().movementId() + ":" + m.rule())
                .containsExactlyInAnyOrder("L1=M1:END_TO_END_ID", "L2=M2:AMOUNT_ACCOUNT_DATE", "L3=M3:AMOUNT_ACCOUNT_DATE");
    }

    /** One clean day plus the five faults of the custodian-bank issue; each fault is flagged exactly once, nothing else. */
    @Test
    void flagsEachInjectedFaultExactlyOnceAndMatchesEveryCleanLine() {
        var movements = new ArrayList<LedgerMovement>();
        var lines = new ArrayList<StatementLine>();
        for (int i = 1; i <= 20; i++) {
            movements.add(movement("M" + i, -10_000L * i, DAY, "E2E-" + i));
            lines.add(line("L" + i, -10_000L * i, DAY, "E2E-" + i, "R" + i));
        }
        // Returned payment: paid out (matched) and credited back by the bank, which the ledger has not booked yet.
        lines.add(line("RETURN", 10_000L * 3, DAY.plusDays(1), "E2E-3", "R-RET"));
        // Fee: the bank charged 2.50 that the ledger does not know.
        lines.add(line("FEE", -250, DAY, null, "R-FEE"));
        // Duplicate line: the bank repeated line 5.
        lines.add(new StatementLine("L5-AGAIN", CUSTODY, DAY, DAY, Money.fen(-50_000), "E2E-5", "R5", ""));
        // Missing line: the bank never booked payout 21.
        movements.add(movement("M21", -210_000, DAY, "E2E-21"));
        // Amount typo: ledger says 220.00, bank booked 2200.00.
        movements.add(movement("M22", -22_000, DAY, "E2E-22"));
        lines.add(line("L22", -220_000, DAY, "E2E-22", "R22"));

        var result = reconciler.reconcile(lines, movements);

        assertThat(result.breakCounts()).containsExactlyInAnyOrderEntriesOf(Map.of(
                BreakKind.BANK_ONLY, 2, BreakKind.DUPLICATE, 1, BreakKind.LEDGER_ONLY, 1, BreakKind.AMOUNT_MISMATCH, 1));
        assertThat(result.breaksOf(BreakKind.BANK_ONLY)).extracting(b -> b.line().lineId()).containsExactlyInAnyOrder("RETURN", "FEE");
        assertThat(result.breaksOf(BreakKind.DUPLICATE)).singleElement().satisfies(b -> {
            assertThat(b.line().lineId()).isEqualTo("L5-AGAIN");
            assertThat(b.explanation()).contains("repeats line L5").contains("R5");
        });
        assertThat(result.breaksOf(BreakKind.LEDGER_ONLY)).singleElement().satisfies(b -> assertThat(b.movement().movementId()).isEqualTo("M21"));
        assertThat(result.breaksOf(BreakKind.AMOUNT_MISMATCH)).singleElement().satisfies(b -> {
            assertThat(b.line().lineId()).isEqualTo("L22");
            assertThat(b.movement().movementId()).isEqualTo("M22");
            assertThat(b.explanation()).contains("-¥2,200.00").contains("-¥220.00");
        });
        assertThat(result.matches()).hasSize(20).allSatisfy(m -> assertThat(m.rule()).isEqualTo(MatchRule.END_TO_END_ID));
        assertThat(result.autoMatchRateBasisPoints()).isEqualTo(20 * 10_000 / 24);
    }

    /** Issue 13, item 11: a bank line 0.01 off its ledger movement, neither carrying an id, is one amount mismatch. */
    @Test
    void reportsANearAmountOnTheSameAccountAndDayAsOneAmountMismatch() {
        var movements = List.of(movement("M1", 30_000, DAY, null), movement("M2", -20_000, DAY, null),
                movement("M3", 70_000, DAY, null));
        var lines = List.of(line("L1", 30_001, DAY, null, "R1"), line("L2", -20_000, DAY, null, "R2"),
                line("L3", 7_000, DAY, null, "R3"));

        var result = reconciler.reconcile(lines, movements);

        assertThat(result.breaks()).extracting(b -> b.kind() + ":" + (b.line() == null ? "-" : b.line().lineId()) + "/"
                        + (b.movement() == null ? "-" : b.movement().movementId()))
                .containsExactlyInAnyOrder("AMOUNT_MISMATCH:L1/M1", "BANK_ONLY:L3/-", "LEDGER_ONLY:-/M3");
        assertThat(result.breaks().stream().filter(b -> b.kind() == BreakKind.AMOUNT_MISMATCH).findFirst().orElseThrow()
                .explanation()).contains("¥300.01").contains("¥300.00");
    }

    @Test
    void flagsADateBeyondTheToleranceAsDateMismatch() {
        var result = reconciler.reconcile(
                List.of(line("L1", -500, DAY.plusDays(3), "E2E-1", "R1")),
                List.of(movement("M1", -500, DAY, "E2E-1")));

        assertThat(result.breaks()).singleElement().satisfies(b -> {
            assertThat(b.kind()).isEqualTo(BreakKind.DATE_MISMATCH);
            assertThat(b.explanation()).contains("more than 2 days apart");
        });
        assertThat(result.matches()).isEmpty();
        assertThat(new Reconciler(3).reconcile(
                List.of(line("L1", -500, DAY.plusDays(3), "E2E-1", "R1")),
                List.of(movement("M1", -500, DAY, "E2E-1"))).isClean()).isTrue();
    }

    @Test
    void doesNotMatchByAmountBeyondTheTolerance() {
        var result = reconciler.reconcile(
                List.of(line("L1", 700, DAY.plusDays(3), null, "R1")),
                List.of(movement("M1", 700, DAY, null)));
        assertThat(result.breakCounts()).containsExactlyInAnyOrderEntriesOf(Map.of(BreakKind.BANK_ONLY, 1, BreakKind.LEDGER_ONLY, 1));
    }

    @Test
    void neverPairsLinesAndMovementsWithDifferentEndToEndIds() {
        var result = reconciler.reconcile(
                List.of(line("L1", 700, DAY, "E2E-A", "R1")),
                List.of(movement("M1", 700, DAY, "E2E-B")));
        assertThat(result.matches()).isEmpty();
        assertThat(result.breakCounts()).containsExactlyInAnyOrderEntriesOf(Map.of(BreakKind.BANK_ONLY, 1, BreakKind.LEDGER_ONLY, 1));
    }

    @Test
    void treatsIdenticalContentWithoutReferenceAsDuplicateButNotTwoFeesWithTheirOwnReferences() {
        var feeA = line("F1", -250, DAY, null, "RF1");
        var feeB = line("F2", -250, DAY, null, "RF2");
        var copy1 = line("C1", -300, DAY, null, "");
        var copy2 = line("C2", -300, DAY, null, "");

        var result = reconciler.reconcile(List.of(feeA, feeB, copy1, copy2), List.of());

        assertThat(result.breakCounts()).containsExactlyInAnyOrderEntriesOf(Map.of(BreakKind.BANK_ONLY, 3, BreakKind.DUPLICATE, 1));
        assertThat(result.breaksOf(BreakKind.DUPLICATE)).singleElement().satisfies(b -> assertThat(b.line().lineId()).isEqualTo("C2"));
    }

    @Test
    void pairsEveryLineWhenSameAmountsCrowdTheDateWindow() {
        // Greedy nearest-date would give L1 the movement of day 4 and leave L2 without one; earliest-first pairs both.
        var result = reconciler.reconcile(
                List.of(line("L1", 900, DAY.plusDays(4), null, "R1"), line("L2", 900, DAY.plusDays(6), null, "R2")),
                List.of(movement("M1", 900, DAY.plusDays(2), null), movement("M2", 900, DAY.plusDays(4), null)));
        assertThat(result.isClean()).isTrue();
    }

    @Test
    void keepsAccountsApart() {
        var result = reconciler.reconcile(
                List.of(new StatementLine("L1", "OTHER", DAY, DAY, Money.fen(100), null, "R1", "")),
                List.of(movement("M1", 100, DAY, null)));
        assertThat(result.matches()).isEmpty();
    }

    @Test
    void reportsAnEmptyDayAsClean() {
        var result = reconciler.reconcile(List.of(), List.of());
        assertThat(result.isClean()).isTrue();
        assertThat(result.autoMatchRateBasisPoints()).isEqualTo(10_000);
    }

    @Test
    void refusesTheSameMovementTwiceAndAnUnreasonableTolerance() {
        assertThatThrownBy(() -> reconciler.reconcile(List.of(), List.of(movement("M1", 1, DAY, null), movement("M1", 1, DAY, null))))
                .hasMessageContaining("M1 given twice");
        assertThatThrownBy(() -> new Reconciler(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Reconciler(32)).isInstanceOf(IllegalArgumentException.class);
    }
}
