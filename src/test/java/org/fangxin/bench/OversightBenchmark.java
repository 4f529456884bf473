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
        int merchants = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        long cards = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(FangxinApplication.class)
                .properties("server.port=0", "fangxin.jobs.enabled=false", "spring.main.banner-mode=off",
                        "logging.level.root=WARN").run()) {
            new OversightBenchmark(app).run(merchants, cards);
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

    void run(int merchants, long cards) throws Exception {
        System.out.printf("Oversight benchmark: %,d merchants, %,d cards, %d cores, fsync=%s synchronous_commit=%s%n",
                merchants, cards, Runtime.getRuntime().availableProcessors(), show("fsync"), show("synchronous_commit"));
        long t0 = System.nanoTime();
        seed(merchants, cards);
        System.out.printf("seeded in %.1f s%n", seconds(t0));

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
        jdbc.sql("create temporary table bench_merchant as select gen_random_uuid() as id, i,"
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
        // Cards: a 300-day pass of ¥1,000..¥5,990, 40 % of it advanced and not yet earned back.
        jdbc.sql("""
                insert into card.card (id, purchase_id, holder_id, merchant_id, store_id, product_id, product_name, kind,
                       contract_version_id, contract_sha256, payment_order_id, status, currency, paid_minor, list_price_minor,
                       earned_minor, advance_minor, advance_outstanding_minor, valid_from, valid_until, zone, purchased_at)
                select gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), m.id, m.id, m.id, 'bench pass', 'PERIOD_PASS',
                       m.id, repeat('0', 64), gen_random_uuid(), 'ACTIVE', 'CNY', p.paid, p.paid, p.paid / 4, p.paid * 2 / 5,
                       (p.paid - p.paid / 4) * 2 / 5, current_date, current_date + 300, 'Asia/Shanghai', now()
                  from generate_series(0, :cards - 1) c
                  join bench_merchant m on m.i = 1 + c % :merchants
                  cross join lateral (select 100000 + (c % 500) * 1000 as paid) p
                """).param("cards", cards).param("merchants", merchants).update();
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
