package org.fangxin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where the machine's time goes during one benchmark step, beside the service's JVM ({@link ProcessCpu}): the CPU of
 * PostgreSQL serving the bench database (its backends and the cluster's shared processes: WAL writer, checkpointer,
 * background writer, autovacuum, and children that ended, through the postmaster's cutime/cstime), the CPU of the
 * benchmark client itself, the CPU of other databases' backends on the shared cluster (other engineers' work), and the
 * machine's idle share ({@code /proc/stat}). A separate connection samples {@code pg_stat_activity} of the bench
 * database every {@value #SAMPLE_MILLIS} ms (its own backend and its CPU are left out) and averages the sessions by
 * state and by wait event. Without {@code BENCH_DB_URL} it measures only the client and the machine.
 */
final class MachineShare {

    static final long SAMPLE_MILLIS = 50;
    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final String url;
    private final String user;
    private final String password;
    private final String database;

    private MachineShare(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.database = url == null ? null : url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*$", "");
    }

    static MachineShare fromEnvironment() {
        String url = System.getenv("BENCH_DB_URL");
        return new MachineShare(url == null || url.isBlank() ? null : url,
                System.getenv().getOrDefault("BENCH_DB_USER", "fangxin"),
                System.getenv().getOrDefault("BENCH_DB_PASSWORD", "fangxin"));
    }

    /** One step's measure, started before the load and finished after it. */
    Step start() {
        return new Step();
    }

    /** CPU milliseconds per operation and what the sampler saw, for one step. */
    record Share(long postgresMillis, long otherDatabasesMillis, long clientMillis, long busyMillis, long idleMillis,
                 int samples, Map<String, Double> averageByState, Map<String, Double> averageByWait,
                 Map<String, Double> counters, List<StatementCost> statements) {

        /**
         * The step's top statements of the bench database by plan + execute time ({@code pg_stat_statements}, only on a
         * cluster that preloads it: run.sh's BENCH_PRIVATE_PG), per operation: calls, plan ms, execute ms, buffer hits,
         * whether top level (sent by a client) or nested (inside a function or trigger: its time is in its caller's too);
         * the WAL it wrote per operation leads the statement's text (the header's columns are the benchmark's).
         */
        List<String> topStatements(long operations, int n) {
            if (operations == 0) {
                return List.of();
            }
            return statements.stream()
                    .sorted(java.util.Comparator.comparingDouble((StatementCost c) -> c.planMillis() + c.execMillis()).reversed())
                    .limit(n)
                    .map(c -> String.format("| %s | %.2f | %.3f | %.3f | %.1f | %s |", c.topLevel() ? "top" : "nested",
                            c.calls() / operations, c.planMillis() / operations, c.execMillis() / operations,
                            c.blocksHit() / operations, String.format("%.0f B WAL · ", c.walBytes() / operations)
                                    + c.text().replace("|", "\\|")))
                    .toList();
        }

        /** The step's counter deltas divided by {@code operations}, e.g. "commits 4.02, WAL syncs 1.10, …". */
        String countersPer(long operations) {
            if (counters.isEmpty() || operations == 0) {
                return "—";
            }
            List<String> parts = new ArrayList<>();
            counters.forEach((name, value) -> parts.add(String.format("%s %.2f", name, value / operations)));
            return String.join(", ", parts);
        }

        double idleShare() {
            return busyMillis + idleMillis == 0 ? 0 : (double) idleMillis / (busyMillis + idleMillis);
        }

        /** e.g. "active 5.1, idle 10.2, idle in transaction 0.4; waits IO:WALSync 1.2, Client:ClientRead 0.9". */
        String activity() {
            if (samples == 0) {
                return "not sampled (BENCH_DB_URL not set, or no connection: see \"[machine share]\" on stderr)";
            }
            List<String> states = new ArrayList<>();
            averageByState.forEach((state, n) -> states.add(String.format("%s %.2f", state, n)));
            List<String> waits = new ArrayList<>();
            averageByWait.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(e -> waits.add(String.format("%s %.2f", e.getKey(), e.getValue())));
            return String.join(", ", states) + "; of the active, waiting on: "
                    + (waits.isEmpty() ? "nothing" : String.join(", ", waits)) + " (" + samples + " samples)";
        }
    }

    /** One statement's pg_stat_statements counters (or their delta over a step). */
    record StatementCost(boolean topLevel, String text, double calls, double planMillis, double execMillis,
                         double blocksHit, double walBytes) {
    }

    final class Step {

        private final long clientBefore = ProcessCpu.self();
        private final long[] machineBefore = machine();
        private final Map<Integer, Long> postgresBefore;
        private final Map<Integer, Long> othersBefore;
        private final long exitedBefore;
        private final Map<String, Double> countersBefore;
        private final Map<String, StatementCost> statementsBefore;
        private final Connection connection;
        private final int ownPid;
        private final Thread sampler;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Map<String, Long> stateCounts = new TreeMap<>();
        private final Map<String, Long> waitCounts = new HashMap<>();
        private int samples;

        private Step() {
            Connection opened = null;
            int pid = -1;
            if (url != null) {
                try {
                    opened = DriverManager.getConnection(url, user, password);
                    try (Statement statement = opened.createStatement();
                         ResultSet rs = statement.executeQuery("select pg_backend_pid()")) {
                        rs.next();
                        pid = rs.getInt(1);
                    }
                } catch (SQLException e) {
                    System.err.println("[machine share] no database sampling: " + e.getMessage());
                    opened = null;
                }
            }
            connection = opened;
            ownPid = pid;
            Map<Integer, Long> postgres = new HashMap<>();
            Map<Integer, Long> others = new HashMap<>();
            exitedBefore = processes(postgres, others);
            postgresBefore = postgres;
            othersBefore = others;
            countersBefore = counters();
            statementsBefore = statements();
            sampler = new Thread(this::sample, "pg-activity-sampler");
            sampler.setDaemon(true);
            if (connection != null) {
                sampler.start();
            }
        }

        Share finish() throws InterruptedException {
            running.set(false);
            sampler.join();
            Map<Integer, Long> postgres = new HashMap<>();
            Map<Integer, Long> others = new HashMap<>();
            long exited = processes(postgres, others);
            Map<String, Double> countersAfter = counters();
            Map<String, StatementCost> statementsAfter = statements();
            long[] machineAfter = machine();
            long client = ProcessCpu.self() - clientBefore;
            close();
            Map<String, Double> byState = new TreeMap<>();
            Map<String, Double> byWait = new TreeMap<>();
            if (samples > 0) {
                stateCounts.forEach((state, n) -> byState.put(state, (double) n / samples));
                waitCounts.forEach((wait, n) -> byWait.put(wait, (double) n / samples));
            }
            Map<String, Double> counted = new java.util.LinkedHashMap<>();
            countersAfter.forEach((name, value) -> counted.put(name, value - countersBefore.getOrDefault(name, 0.0)));
            return new Share(delta(postgresBefore, postgres) + Math.max(0, exited - exitedBefore), delta(othersBefore, others),
                    client, machineAfter[0] - machineBefore[0], machineAfter[1] - machineBefore[1], samples, byState, byWait,
                    counted, statementDeltas(statementsAfter));
        }

        private List<StatementCost> statementDeltas(Map<String, StatementCost> after) {
            List<StatementCost> deltas = new ArrayList<>();
            after.forEach((key, a) -> {
                StatementCost b = statementsBefore.get(key);
                double calls = a.calls() - (b == null ? 0 : b.calls());
                if (calls > 0) {
                    deltas.add(new StatementCost(a.topLevel(), a.text(), calls,
                            a.planMillis() - (b == null ? 0 : b.planMillis()), a.execMillis() - (b == null ? 0 : b.execMillis()),
                            a.blocksHit() - (b == null ? 0 : b.blocksHit()), a.walBytes() - (b == null ? 0 : b.walBytes())));
                }
            });
            return deltas;
        }

        /** pg_stat_statements of the bench database by query id and level; empty where the extension is absent. */
        private Map<String, StatementCost> statements() {
            Map<String, StatementCost> costs = new HashMap<>();
            if (connection == null) {
                return costs;
            }
            try (Statement statement = connection.createStatement()) {
                try (ResultSet rs = statement.executeQuery("select to_regclass('pg_stat_statements') is not null")) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return costs;
                    }
                }
                try (ResultSet rs = statement.executeQuery("""
                        select queryid, toplevel, calls, total_plan_time, total_exec_time, shared_blks_hit, wal_bytes,
                               left(regexp_replace(query, '\\s+', ' ', 'g'), 140) as text
                          from pg_stat_statements
                         where dbid = (select oid from pg_database where datname = current_database())
                        """)) {
                    while (rs.next()) {
                        costs.put(rs.getLong("queryid") + "/" + rs.getBoolean("toplevel"), new StatementCost(
                                rs.getBoolean("toplevel"), rs.getString("text"), rs.getDouble("calls"),
                                rs.getDouble("total_plan_time"), rs.getDouble("total_exec_time"),
                                rs.getDouble("shared_blks_hit"), rs.getDouble("wal_bytes")));
                    }
                }
            } catch (SQLException e) {
                System.err.println("[machine share] no statement costs: " + e.getMessage());
            }
            return costs;
        }

        /**
         * PostgreSQL's cumulative counters: the bench database's commits, rollbacks and tuples written, the cluster's
         * WAL (records, full-page images, kB, writes, syncs: other databases add to these), and the bench database's
         * PL/pgSQL functions (triggers) by calls and total ms ({@code track_functions = pl}, which run.sh sets on it).
         * Backends report every second or so, so a 10 s step's deltas are good to about a tenth.
         */
        private Map<String, Double> counters() {
            Map<String, Double> counters = new java.util.LinkedHashMap<>();
            if (connection == null) {
                return counters;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("select pg_stat_clear_snapshot()");
                try (ResultSet rs = statement.executeQuery("""
                        select xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, blks_hit, blks_read
                          from pg_stat_database where datname = current_database()
                        """)) {
                    if (rs.next()) {
                        for (String column : List.of("xact_commit", "xact_rollback", "tup_inserted", "tup_updated",
                                "tup_deleted", "blks_hit", "blks_read")) {
                            counters.put(column, rs.getDouble(column));
                        }
                    }
                }
                try (ResultSet rs = statement.executeQuery(
                        "select wal_records, wal_fpi, wal_bytes / 1024.0 as wal_kb, wal_write, wal_sync from pg_stat_wal")) {
                    if (rs.next()) {
                        for (String column : List.of("wal_records", "wal_fpi", "wal_kb", "wal_write", "wal_sync")) {
                            counters.put(column, rs.getDouble(column));
                        }
                    }
                }
                try (ResultSet rs = statement.executeQuery(
                        "select schemaname || '.' || funcname as f, calls, total_time from pg_stat_user_functions order by 1")) {
                    while (rs.next()) {
                        counters.put(rs.getString("f") + " calls", rs.getDouble("calls"));
                        counters.put(rs.getString("f") + " ms", rs.getDouble("total_time"));
                    }
                }
            } catch (SQLException e) {
                System.err.println("[machine share] no counters: " + e.getMessage());
            }
            return counters;
        }

        private void sample() {
            try (Statement statement = connection.createStatement()) {
                while (running.get()) {
                    try (ResultSet rs = statement.executeQuery("""
                            select coalesce(state, '?') as state,
                                   case when state = 'active' then coalesce(wait_event_type || ':' || wait_event, 'CPU') end as wait
                              from pg_stat_activity
                             where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()
                            """)) {
                        while (rs.next()) {
                            stateCounts.merge(rs.getString("state"), 1L, Long::sum);
                            String wait = rs.getString("wait");
                            if (wait != null) {
                                waitCounts.merge(wait, 1L, Long::sum);
                            }
                        }
                    }
                    samples++;
                    Thread.sleep(SAMPLE_MILLIS);
                }
            } catch (SQLException | InterruptedException e) {
                System.err.println("[machine share] sampling stopped: " + e.getMessage());
            }
        }

        /**
         * Fills the CPU of the cluster's processes: the bench database's backends (but the sampler's) and the shared
         * processes into {@code postgres}, other databases' backends into {@code others}; answers the CPU of the
         * postmaster and of its children that ended (cutime + cstime), which serve the bench database above all.
         */
        private long processes(Map<Integer, Long> postgres, Map<Integer, Long> others) {
            if (connection == null) {
                return 0;
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("""
                         select pid, datname, backend_type
                           from pg_stat_activity
                         """)) {
                Integer postmaster = null;
                while (rs.next()) {
                    int pid = rs.getInt("pid");
                    if (pid == ownPid) {
                        continue;
                    }
                    String datname = rs.getString("datname");
                    long cpu = ProcessCpu.millisOfPid(pid);
                    if (cpu < 0) {
                        continue;
                    }
                    if (postmaster == null) {
                        postmaster = ProcessCpu.parentOf(pid);
                    }
                    if (datname == null || datname.equals(database)) {
                        postgres.put(pid, cpu);
                    } else {
                        others.put(pid, cpu);
                    }
                }
                if (postmaster == null) {
                    return 0;
                }
                postgres.put(postmaster, ProcessCpu.millisOfPid(postmaster)); // the postmaster's own CPU
                return ProcessCpu.childrenMillisOf(postmaster);
            } catch (SQLException e) {
                return 0;
            }
        }

        private void close() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // the step's figures are taken; nothing to undo
                }
            }
        }
    }

    /** A process present at the end but not at the start began during the step: all its CPU counts. */
    private static long delta(Map<Integer, Long> before, Map<Integer, Long> after) {
        long sum = 0;
        for (Map.Entry<Integer, Long> e : after.entrySet()) {
            sum += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
        }
        return sum;
    }

    /** {busy, idle} milliseconds of all cores from the first line of /proc/stat (idle includes iowait). */
    private static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {(total - idle) * 1000 / TICKS_PER_SECOND, idle * 1000 / TICKS_PER_SECOND};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
