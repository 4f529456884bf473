package org.fangxin.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.fangxin.bank.format.BankStatement;
import org.fangxin.bank.format.Camt053Reader;
import org.fangxin.bank.format.Camt053Writer;
import org.fangxin.shared.Money;

/**
 * The camt.053 reader alone on N booked entries (default 1,000,000) in one statement: file size, read time and the
 * heap's peak. Entries are bound one at a time, so the peak is the file's bytes plus the lines, not the document's
 * model. Run with {@code bash bench/reconciliation/camt-read.sh [entries]} (a 2 GB heap: the run fails if the reader
 * kept the whole model).
 */
public final class Camt053ReadBenchmark {

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        LocalDate day = LocalDate.of(2026, 3, 2);
        var entries = new ArrayList<Camt053Writer.Entry>(n);
        for (int i = 1; i <= n; i++) {
            entries.add(new Camt053Writer.Entry(Money.fen(100 + i % 9_000), day, day, "FX" + i, "BK" + i, "top-up", null, false));
        }
        long total = entries.stream().mapToLong(e -> e.signedAmount().amountMinor()).sum();
        byte[] xml = new Camt053Writer().write("BENCH-" + n, Instant.parse("2026-03-02T15:30:00Z"), ZoneId.of("Asia/Shanghai"),
                List.of(new Camt053Writer.AccountStatement("S-BENCH", "FXB0000000001", day, Money.fen(0), Money.fen(total), entries)));
        entries = null;
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long t0 = System.nanoTime();
        List<BankStatement> statements = new Camt053Reader(ZoneId.of("Asia/Shanghai")).read(xml);
        long t1 = System.nanoTime();
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("camt.053 read: %,d entries, file %,d MB, read %.1f s, %,d lines, balances add up: %s, "
                        + "heap peak during the read (sum of pools) %,d MB of max %,d MB%n",
                n, xml.length >> 20, (t1 - t0) / 1e9, statements.get(0).lines().size(), statements.get(0).balancesAddUp(),
                peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }
}
