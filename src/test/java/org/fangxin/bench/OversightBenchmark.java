package org.fangxin.bench;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.fangxin.FangxinApplication;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.oversight.BalanceDashboard;
import org.fangxin.shared.web.TableExport;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The oversight dashboard at city scale on the PostgreSQL given by FANGXIN_DB_URL (durable settings): seeds M merchants
 * (default 100,000; 27 in 37 in Kaifeng's districts, the rest in Beijing's and Shanghai's, six sectors) with their escrow, advance
 * and deposit accounts and coverage rows, and N live cards (default 10,000,000) spread over them, by SQL (bypassing the
 * purchase flow: the dashboard reads balances, it does not check how they came about). Then: the snapshot job's
 * duration; the dashboard API's latency at four drill-down levels over HTTP (sequential, p50/p95/max); the streamed
 * XLSX download of every merchant in view; and 1,000,000 rows through {@link TableExport} (CSV and XLSX) with the live
 * heap sampled every 100,000 rows. Run with {@code bash bench/oversight/run.sh [merchants] [cards]}.
 */
public final class OversightBenchmark {

    static final String[] KAIFENG = {"410202", "410203", "410204", "410205", "410212", "410221", "410222", "410223", "410225"};
    static final String[] BEIJING = {"110101", "110102", "110105", "110106", "110108"};
    static final String[] SHANGHAI = {"310101", "310104", "310105", "310106", "310115"};
    static final int REQUESTS = 200;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("export")) {   // the export alone: no application, no database
            streamedExport(TableExport.Format.CSV, 1_000_000);
            streamedExport(TableExport.Format.XLSX, 1_000_000);
            return;
        }
        // "seed M N" only seeds, "measure" only measures an already seeded database, "M N" does both in one run
        String mode = args.length > 0 && (args[0].equals("seed") || args[0].equals("measure")) ? args[0] : "both";
        int first = mode.equals("both") ? 0 : 1;
        int merchants = args.length > first ? Integer.parseInt(args[first]) : 100_000;
        long cards = args.length > first + 1 ? Long.parseLong(args[first + 1]) : 10_000_000L;
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(FangxinApplication.class)
                .properties("server.port=0", "fangxin.jobs.enabled=false", "spring.main.banner-mode=off",
                        "logging.level.root=WARN").run()) {
            OversightBenchmark bench = new OversightBenchmark(app);
            if (!mode.equals("measure")) {
                bench.seedTimed(merchants, cards);
            }
            if (!mode.equals("seed")) {
                bench.measure();
            }
        }
    }

    private final ConfigurableApplicationContext app;
    private final JdbcClient jdbc;
    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();

    OversightBenchmark(ConfigurableApplicationContext app) {
        this.app = app;
        this.jdbc = app.getBean(JdbcClient.class);
        this.base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    void seedTimed(int merchants, long cards) {
        System.out.printf("Oversight benchmark: seeding %,d merchants, %,d cards, %d cores, fsync=%s synchronous_commit=%s%n",
                merchants, cards, Runtime.getRuntime().availableProcessors(), show("fsync"), show("synchronous_commit"));
        long t0 = System.nanoTime();
        seed(merchants, cards);
        System.out.printf("seeded in %.1f s%n", seconds(t0));
    }

    void measure() throws Exception {
        // the card count from the statistics: counting 10,000,000 rows would warm the cache before the snapshot job
        System.out.printf("Oversight benchmark: measuring %,d merchants, about %,d cards, fsync=%s synchronous_commit=%s%n",
                jdbc.sql("select count(*) from merchant.merchant").query(Long.class).single(),
                jdbc.sql("select reltuples::bigint from pg_class where oid = 'card.card'::regclass").query(Long.class).single(),
                show("fsync"), show("synchronous_commit"));
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        BalanceDashboard dashboard = app.getBean(BalanceDashboard.class);
        for (int round = 1; round <= 2; round++) {
            long t = System.nanoTime();
            int n = dashboard.takeSnapshot(today);
            System.out.printf("snapshot job, round %d: %,d merchants in %.1f s%n", round, n, seconds(t));
        }

        String kaifeng = token(Role.REGULATOR, null, "410200");
        String national = token(Role.REGULATOR, null, null);
        String education = token(Role.REGULATOR, "EDUCATION", "410200");
        latency("national, country level", national, "/api/v1/oversight/balances");
        latency("Kaifeng regulator, city", kaifeng, "/api/v1/oversight/balances");
        latency("Kaifeng regulator, district 410204", kaifeng, "/api/v1/oversight/balances?region=410204");
        latency("Kaifeng regulator, district + sector", kaifeng, "/api/v1/oversight/balances?region=410204&sector=CATERING");
        latency("education bureau, city", education, "/api/v1/oversight/balances");

        long t = System.nanoTime();
        HttpResponse<java.io.InputStream> xlsx = http.send(get(national, "/api/v1/oversight/balances/merchants?format=xlsx"),
                HttpResponse.BodyHandlers.ofInputStream());
        long bytes;
        try (var in = xlsx.body()) {
            bytes = in.transferTo(OutputStream.nullOutputStream());
        }
        System.out.printf("XLSX download of every merchant (national): HTTP %d, %,d bytes in %.1f s%n", xlsx.statusCode(),
                bytes, seconds(t));

        streamedExport(TableExport.Format.CSV, 1_000_000);
        streamedExport(TableExport.Format.XLSX, 1_000_000);
    }

    private void seed(int merchants, long cards) {
        String regions = "array[" + String.join(",", quoted(KAIFENG)) + "," + String.join(",", quoted(KAIFENG)) + ","
                + String.join(",", quoted(KAIFENG)) + "," + String.join(",", quoted(BEIJING)) + ","
                + String.join(",", quoted(SHANGHAI)) + "]";
        jdbc.sql("create temporary table bench_merchant as select " + BENCH_ID.formatted("9", "i") + " as id, i,"
                + " (" + regions + ")[1 + i % 37] as region,"
                + " (array['EDUCATION','SPORTS_FITNESS','BEAUTY','CATERING','RETAIL','OTHER_SERVICES'])[1 + i % 6] as sector"
                + " from generate_series(1, :n) i").param("n", merchants).update();
        jdbc.sql("""
                insert into merchant.merchant (id, legal_name, credit_code, sector, region_code, status,
                       settlement_account_name, settlement_bank_name, settlement_account_number, contact_mobile,
                       owner_user_id, applied_at, status_changed_at)
                select id, '压测商户 Bench merchant ' || i, '91' || region || lpad(i::text, 10, '0'), sector, region, 'ACTIVE',
                       'Bench ' || i, '中国银行', lpad(i::text, 16, '6'), '139' || lpad(i::text, 8, '0'), gen_random_uuid(), now(), now()
                  from bench_merchant
                """).update();
        seedCards(merchants, cards);
        // Per merchant: escrow = outstanding - advance, advance, deposit lodged (both ledger sides), coverage row.
        jdbc.sql("""
                create temporary table bench_totals as
                select merchant_id, sum(paid_minor - earned_minor) as outstanding, sum(advance_outstanding_minor) as advance
                  from card.card where product_name = 'bench pass' group by merchant_id
                """).update();
        for (String[] account : new String[][] {{"ESCROW", "DEBIT", "outstanding - advance"}, {"MERCHANT_ADVANCE", "DEBIT", "advance"},
                {"RISK_DEPOSIT", "CREDIT", "-(advance * 3 / 10)"}, {"RISK_DEPOSIT_HELD", "DEBIT", "advance * 3 / 10"}}) {
            jdbc.sql("create temporary table bench_account as select gen_random_uuid() as id, merchant_id, "
                    + account[2] + " as balance from bench_totals").update();
            jdbc.sql("insert into ledger.account (id, type, owner_id, currency, normal_side, non_negative, opened_at)"
                    + " select id, :type, merchant_id, 'CNY', :side, false, now() from bench_account")
                    .param("type", account[0]).param("side", account[1]).update();
            jdbc.sql("insert into ledger.balance (account_id, currency, normal_side, non_negative, balance_minor, updated_at)"
                    + " select id, 'CNY', :side, false, balance, now() from bench_account").param("side", account[1]).update();
            jdbc.sql("drop table bench_account").update();
        }
        jdbc.sql("""
                insert into protection.coverage (merchant_id, currency, exposure_minor, insured_cover_minor, required_minor,
                       lodged_minor, checked_at)
                select merchant_id, 'CNY', advance, advance / 5, advance * 3 / 10, advance * 3 / 10, now() from bench_totals
                """).update();
        jdbc.sql("analyze").update();
    }

    static final long CARD_CHUNK = 500_000;
    /** A bench id from a kind digit and a number (merchants 9, cards 8, ...): unique, ascending, no random source. */
    static final String BENCH_ID = "('00000000-0000-4000-%s000-' || lpad(to_hex(%s), 12, '0'))::uuid";

    /** Cards {@code first..last}: card {@code c} belongs to merchant {@code 1 + c % merchants}, all columns computed. */
    private void insertCards(long first, long last, int merchants) {
        long t = System.nanoTime();
        jdbc.sql("""
                insert into card.card (id, purchase_id, holder_id, merchant_id, store_id, product_id, product_name, kind,
                       contract_version_id, contract_sha256, payment_order_id, status, currency, paid_minor,
                       list_price_minor, earned_minor, advance_minor, advance_outstanding_minor, valid_from, valid_until,
                       zone, purchased_at)
                select (u.p || '8' || u.h)::uuid, (u.p || 'a' || u.h)::uuid, (u.p || 'b' || u.h)::uuid, u.m, u.m, u.m,
                       'bench pass', 'PERIOD_PASS', u.m, repeat('0', 64), (u.p || 'c' || u.h)::uuid, 'ACTIVE', 'CNY',
                       u.paid, u.paid, u.paid / 4, u.paid * 2 / 5, (u.paid - u.paid / 4) * 2 / 5, current_date,
                       current_date + 300, 'Asia/Shanghai', now()
                  from generate_series(:first, :last) c
                 cross join lateral (select '00000000-0000-4000-' as p, '000-' || lpad(to_hex(c), 12, '0') as h,
                        """ + BENCH_ID.formatted("9", "1 + c % :merchants") + """
                         as m, 100000 + (c % 500) * 1000 as paid) u
                """).param("first", first).param("last", last).param("merchants", merchants).update();
        System.out.printf("  cards %,d..%,d in %.1f s%n", first, last, seconds(t));
    }

    /**
     * Cards: a 300-day pass of ¥1,000..¥5,990, 40 % of it advanced and not yet earned back. Loaded set-based in chunks
     * of a million (each its own transaction) with the card table's secondary indexes dropped and rebuilt after (a
     * sort per index instead of ten million random index insertions), ids in ascending order so the primary key
     * grows at its end; then vacuumed so the snapshot job's first pass does not pay for setting hint bits.
     */
    private void seedCards(int merchants, long cards) {
        List<String[]> indexes = jdbc.sql("""
                select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) from pg_index i
                 where i.indrelid = 'card.card'::regclass and not i.indisprimary
                """).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        indexes.forEach(index -> jdbc.sql("drop index " + index[0]).update());
        var loaders = java.util.concurrent.Executors.newFixedThreadPool(2);   // two connections: the machine's two cores
        List<java.util.concurrent.Future<?>> chunks = new ArrayList<>();
        for (long from = 0; from < cards; from += CARD_CHUNK) {
            long first = from;
            long last = Math.min(cards, from + CARD_CHUNK) - 1;
            chunks.add(loaders.submit(() -> insertCards(first, last, merchants)));
        }
        try {
            for (var chunk : chunks) {
                chunk.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("card seeding failed", e);
        } finally {
            loaders.shutdownNow();
        }
        long t = System.nanoTime();
        indexes.forEach(index -> jdbc.sql(index[1]).update());
        System.out.printf("  %d card indexes rebuilt in %.1f s%n", indexes.size(), seconds(t));
        t = System.nanoTime();
        jdbc.sql("vacuum analyze card.card").update();
        System.out.printf("  cards vacuumed in %.1f s%n", seconds(t));
    }

    private String token(Role role, String sector, String region) throws Exception {
        String username = "bench-" + role.name().toLowerCase() + "-" + System.nanoTime();
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated("bench", null, List.of()));
        app.getBean(Users.class).create(username, "bench-password-1", username, role, null, sector, region);
        SecurityContextHolder.clearContext();
        String body = "{\"username\":\"" + username + "\",\"password\":\"bench-password-1\"}";
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return app.getBean(JsonMapper.class).readTree(answer.body()).get("accessToken").asString();
    }

    private void latency(String what, String token, String path) throws Exception {
        List<Double> millis = new ArrayList<>();
        int status = 0;
        for (int i = 0; i < REQUESTS + 20; i++) {
            long t = System.nanoTime();
            HttpResponse<String> answer = http.send(get(token, path), HttpResponse.BodyHandlers.ofString());
            status = answer.statusCode();
            if (i >= 20) {   // the first 20 warm up the JIT and caches
                millis.add((System.nanoTime() - t) / 1e6);
            }
        }
        Collections.sort(millis);
        System.out.printf("dashboard API, %-38s HTTP %d: p50 %.1f ms, p95 %.1f ms, max %.1f ms (%d requests)%n", what, status,
                millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.95) - 1),
                millis.get(millis.size() - 1), millis.size());
    }

    private HttpRequest get(String token, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(10)).GET().build();
    }

    /** Streams {@code rows} generated rows through TableExport into a counting sink, sampling the live heap. */
    private static void streamedExport(TableExport.Format format, int rows) throws Exception {
        long[] bytes = {0};
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                bytes[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes[0] += len;
            }
        };
        List<Long> heap = new ArrayList<>();
        long t = System.nanoTime();
        TableExport.write(sink, format, List.of("商户", "地区", "行业", "有效卡数", "未兑付余额", "托管资金"), out -> {
            for (int i = 1; i <= rows; i++) {
                out.row(List.of("压测商户 Bench merchant " + i, "河南省 开封市 鼓楼区", "体育健身", i % 1000,
                        java.math.BigDecimal.valueOf(100_000L + i, 2), java.math.BigDecimal.valueOf(60_000L + i, 2)));
                if (i % 100_000 == 0) {
                    heap.add(usedHeapAfterGc());
                }
            }
        });
        sink.flush();
        System.out.printf("%s export of %,d rows: %,d bytes in %.1f s; live heap every 100,000 rows (MB): %s%n", format, rows,
                bytes[0], seconds(t), heap.stream().map(b -> String.valueOf(b / (1024 * 1024))).toList());
    }

    private static long usedHeapAfterGc() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private String show(String setting) {
        return jdbc.sql("show " + setting).query(String.class).single();
    }

    private static List<String> quoted(String[] codes) {
        return java.util.Arrays.stream(codes).map(c -> "'" + c + "'").toList();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
