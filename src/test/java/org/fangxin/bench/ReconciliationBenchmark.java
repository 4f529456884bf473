package org.fangxin.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fangxin.bank.format.CsvMapping;
import org.fangxin.bank.format.CsvStatementReader;
import org.fangxin.bank.format.MinorUnits;
import org.fangxin.bank.reconciliation.domain.BreakKind;
import org.fangxin.bank.reconciliation.domain.LedgerMovement;
import org.fangxin.bank.reconciliation.domain.Reconciler;
import org.fangxin.bank.reconciliation.domain.ReconciliationResult;
import org.fangxin.bank.reconciliation.domain.StatementLine;
import org.fangxin.shared.Money;

/**
 * Times the reconciliation path on a large statement: writing a GBK CSV export of N lines (default 1,000,000) with
 * about 3% injected faults, parsing it with {@link CsvStatementReader}, and matching it against N ledger movements
 * with {@link Reconciler}. Not a test; run with {@code bench/reconciliation/run.sh [lines] [rounds]}.
 */
public final class ReconciliationBenchmark {

    static final LocalDate START = LocalDate.of(2026, 3, 1);
    static final Charset GBK = Charset.forName("GBK");
    static final CsvMapping MAPPING = CsvMapping.builder()
            .encoding(GBK).headerRows(1).dateFormat("yyyyMMdd")
            .bookingDate(1).valueDate(2).account(3).debitAndCredit(4, 5).reference(6).endToEndId(7).description(8)
            .build();

    public static void main(String[] args) throws IOException {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        System.out.printf("Reconciliation benchmark: %,d ledger movements, JVM %s, %d cores, max heap %,d MB%n",
                size, Runtime.version(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        for (int round = 1; round <= rounds; round++) {
            run(size, round);
        }
    }

    private static void run(int size, int round) throws IOException {
        var random = new Random(20260302L + round);
        var movements = new ArrayList<LedgerMovement>(size);
        var lines = new ArrayList<String[]>(size + size / 20);
        var injected = new EnumMap<BreakKind, Integer>(BreakKind.class);
        generate(size, random, movements, lines, injected);

        Path file = Files.createTempFile("fangxin-statement-", ".csv");
        try {
            long t0 = System.nanoTime();
            write(file, lines);
            long t1 = System.nanoTime();
            List<StatementLine> statement = new CsvStatementReader(MAPPING).read(file, "BENCH");
            long t2 = System.nanoTime();
            ReconciliationResult result = Reconciler.withDefaultTolerance().reconcile(statement, movements);
            long t3 = System.nanoTime();

            Map<BreakKind, Integer> found = result.breakCounts();
            System.out.printf("%nround %d: %,d statement lines (%,d MB GBK CSV), %,d ledger movements%n",
                    round, statement.size(), Files.size(file) >> 20, movements.size());
            report("write CSV (setup)", t1 - t0, statement.size());
            report("parse CSV", t2 - t1, statement.size());
            report("reconcile", t3 - t2, statement.size());
            report("parse + reconcile", t3 - t1, statement.size());
            System.out.printf("  auto-match rate %s, %,d matches, breaks %s%n", result.autoMatchRatePercent(), result.matches().size(), found);
            System.out.printf("  injected faults %s -> %s%n", injected, found.equals(injected) ? "each flagged exactly once" : "MISMATCH");
            if (!found.equals(injected)) {
                throw new IllegalStateException("breaks " + found + " differ from injected faults " + injected);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Clean activity over 30 days on 2,000 sub-accounts; the bank books 0..2 days after the ledger date and drops the
     * end-to-end id on one line in five. Faults, each about 0.6%: missing line, fee, duplicate line, amount typo,
     * returned payment.
     */
    private static void generate(int size, Random random, List<LedgerMovement> movements, List<String[]> lines,
                                 Map<BreakKind, Integer> injected) {
        for (int i = 0; i < size; i++) {
            String account = "1105" + String.format("%06d", random.nextInt(2_000));
            long fen = (1 + random.nextInt(500_000)) * (random.nextInt(3) == 0 ? 1 : -1);
            LocalDate date = START.plusDays(random.nextInt(30));
            String endToEndId = "E2E-" + Long.toString(i, 36) + "-" + random.nextInt(1_000);
            movements.add(new LedgerMovement("M" + i, account, date, Money.fen(fen), endToEndId));
            LocalDate booked = date.plusDays(random.nextInt(3));
            String echoed = random.nextInt(5) == 0 ? "" : endToEndId;
            String[] line = {day(booked), day(booked), account, fen < 0 ? decimal(-fen) : "", fen > 0 ? decimal(fen) : "",
                    "BK" + i, echoed, fen < 0 ? "结算 付款" : "预付卡 收款"};
            int fault = random.nextInt(1_000);
            if (fault < 6) {
                injected.merge(BreakKind.LEDGER_ONLY, 1, Integer::sum); // missing line: not written
                continue;
            }
            lines.add(line);
            if (fault < 12) {
                lines.add(new String[] {line[0], line[1], account, "0." + (10 + random.nextInt(90)), "", "FEE" + i, "", "手续费"});
                injected.merge(BreakKind.BANK_ONLY, 1, Integer::sum);
            } else if (fault < 18) {
                lines.add(line.clone());
                injected.merge(BreakKind.DUPLICATE, 1, Integer::sum);
            } else if (fault < 24 && !echoed.isEmpty()) {
                line[fen < 0 ? 3 : 4] = decimal(Math.abs(fen) * 10); // a digit too many
                injected.merge(BreakKind.AMOUNT_MISMATCH, 1, Integer::sum);
            } else if (fault < 30 && !echoed.isEmpty() && fen < 0) {
                lines.add(new String[] {day(booked.plusDays(1)), day(booked.plusDays(1)), account, "", decimal(-fen), "RET" + i,
                        endToEndId, "退汇 账户已销户"});
                injected.merge(BreakKind.BANK_ONLY, 1, Integer::sum);
            }
        }
        Collections.shuffle(lines, random);
    }

    private static void write(Path file, List<String[]> lines) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, GBK)) {
            out.write("交易日期,起息日,账号,借方发生额,贷方发生额,流水号,业务编号,摘要\n");
            for (String[] line : lines) {
                out.write(String.join(",", line));
                out.write('\n');
            }
        }
    }

    private static String day(LocalDate date) {
        return String.format("%04d%02d%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    }

    private static String decimal(long fen) {
        return MinorUnits.toDecimal(Money.fen(fen)).toPlainString();
    }

    private static void report(String step, long nanos, int lines) {
        double seconds = nanos / 1e9;
        System.out.printf("  %-20s %8.2f s  %,12.0f lines/s%n", step, seconds, lines / seconds);
    }
}
