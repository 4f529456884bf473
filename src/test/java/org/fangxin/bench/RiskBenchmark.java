package org.fangxin.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.concurrent.atomic.AtomicLong;
import org.fangxin.FangxinApplication;
import org.fangxin.risk.RatingRun;
import org.fangxin.risk.RiskScores;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The nightly rating of N merchants (default 100,000), each with 12 months of feeds (tax paid, insured headcount,
 * electricity; a tenth also with arrears and a court case) and 120 days of activity (sales and redemptions every third
 * day), on the PostgreSQL given by FANGXIN_DB_URL with durable settings. Merchants, stores, feeds and activity are seeded
 * by SQL (the merchants have no cards, so the per-chunk position queries find nothing); then the real
 * {@link RiskScores#rateAll()} runs: activity collection, chunks of 1,000 (inputs read, ratings computed, scores, tier
 * states and terms written, events and alerts). Reported: the run's time for the first run of the day (every state
 * new) and a second run the same day (every score replaced), the peak heap sampled every 100 ms against the heap
 * after seeding, and a same-run ceiling: plain SQL reading the same rows (grouped feed and activity scans) and
 * writing as many score and state rows. Run with {@code bash bench/risk/run.sh [merchants]}.
 */
public final class RiskBenchmark {

    public static void main(String[] args) throws Exception {
        int merchants = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(FangxinApplication.class)
                .properties("server.port=0", "fangxin.jobs.enabled=false", "spring.main.banner-mode=off",
                        "fangxin.risk.d-tier-opens-suspicion=false", "logging.level.root=WARN",
                        "logging.level.org.fangxin.risk=INFO")
                .run()) {
            new RiskBenchmark(app).run(merchants);
        }
    }

    private final ConfigurableApplicationContext app;
    private final JdbcClient jdbc;

    RiskBenchmark(ConfigurableApplicationContext app) {
        this.app = app;
        this.jdbc = app.getBean(JdbcClient.class);
    }

    void run(int n) throws Exception {
        System.out.printf("Risk rating benchmark: %,d merchants, %d cores, fsync=%s synchronous_commit=%s%n", n,
                Runtime.getRuntime().availableProcessors(), show("fsync"), show("synchronous_commit"));
        LocalDate today = LocalDate.ofInstant(app.getBean(Clock.class).instant(), RiskScores.ZONE);
        long t0 = System.nanoTime();
        seed(n, today);
        // the seed wrote 120 days and 12 months at once; a real installation's autovacuum has long visited those rows
        // (the visibility map the rating's index-only scans rely on)
        jdbc.sql("vacuum (analyze) risk.activity_day, risk.feed_record").update();
        jdbc.sql("analyze").update();
        System.out.printf("seed: %,d merchants, %,d feed records, %,d activity days in %s%n", n,
                count("risk.feed_record"), count("risk.activity_day"), secs(System.nanoTime() - t0));

        RiskScores scores = app.getBean(RiskScores.class);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        for (String label : new String[] {"first run of the day", "second run, same day"}) {
            AtomicLong peak = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            RatingRun run = scores.rateAll();
            sampler.interrupt();
            System.out.printf("%s: %,d merchants rated in %s (%,.0f merchants/s), %,d tier changes, %,d alerts; heap after "
                            + "seeding %,d MB, peak during the run %,d MB%n", label, run.rated(), secs(run.took().toNanos()),
                    run.rated() / (run.took().toNanos() / 1e9), run.tierChanges(), run.alerts(), baseline >> 20, peak.get() >> 20);
        }
        long c0 = System.nanoTime();
        ceiling(today);
        System.out.printf("ceiling (same rows by plain SQL: grouped feed and activity scans, %,d score and state rows "
                + "written): %s%n", n, secs(System.nanoTime() - c0));
        System.out.println("tiers: " + jdbc.sql("select string_agg(tier || '=' || n, ' ' order by tier) from "
                + "(select tier, count(*) n from risk.tier_state group by tier) t").query(String.class).single());
    }

    /** Merchants with one store each, 12 months of feeds and 120 days of activity, by SQL in a few statements. */
    private void seed(int n, LocalDate today) {
        String first17 = "'91410200' || lpad(g::text, 9, '0')";
        jdbc.sql("""
                insert into merchant.merchant (id, legal_name, credit_code, sector, region_code, status, settlement_account_name,
                    settlement_bank_name, settlement_account_number, contact_mobile, owner_user_id, applied_at, status_changed_at,
                    licensed_on, registered_capital_minor, prior_year_revenue_minor, revenue_year)
                select md5('m' || g)::uuid, '基准商户 ' || g, %s || 'X', (array['SPORTS_FITNESS','EDUCATION','BEAUTY','CATERING','RETAIL'])[1 + g %% 5],
                       '410200', 'ACTIVE', '基准商户', '开封银行', '62220000' || lpad(g::text, 10, '0'), '13800000000',
                       md5('o' || g)::uuid, now(), now(), date '2015-01-01' + (g %% 3000), 50000000, 200000000 + (g %% 7) * 1000000, 2025
                  from generate_series(1, :n) g
                """.formatted(first17)).param("n", n).update();
        // the 18th character is not a real check character: the feeds are written straight into risk's tables
        jdbc.sql("""
                insert into merchant.store (id, merchant_id, name, address, lease_ends_on, created_at)
                select md5('s' || g)::uuid, md5('m' || g)::uuid, '门店 ' || g, '开封市测试路' || g || '号',
                       :today::date + 200 + (g % 900), now() from generate_series(1, :n) g
                """).param("n", n).param("today", today).update();
        YearMonth last = YearMonth.from(today).minusMonths(1);
        jdbc.sql("insert into risk.feed_file (id, sha256, provider, channel, file_name, format, records, imported, unchanged, "
                + "corrected, quarantined, received_at, received_by) values ('00000000-0000-7000-8000-0000000be4c1', "
                + "repeat('0', 64), 'bench', 'UPLOAD', 'bench.csv', 'CSV', 0, 0, 0, 0, 0, now(), 'bench')").update();
        jdbc.sql("""
                insert into risk.feed_record (id, merchant_id, credit_code, type, period, period_start, value, provider, file_id, line, received_at)
                select gen_random_uuid(), md5('m' || g)::uuid, %s || 'X', t.type, to_char(m.month, 'YYYY-MM'), m.month,
                       case t.type when 'TAX_PAID' then 500000 + (g %% 97) * 1000
                                   when 'SOCIAL_INSURANCE_HEADCOUNT' then case when g %% 50 = 0 and m.month = :last then 0 else 5 + g %% 20 end
                                   else 2000 + g %% 500 end,
                       'bench', '00000000-0000-7000-8000-0000000be4c1', 1, now()
                  from generate_series(1, :n) g
                 cross join (select (:last::date - (k || ' months')::interval)::date as month from generate_series(0, 11) k) m
                 cross join (values ('TAX_PAID'), ('SOCIAL_INSURANCE_HEADCOUNT'), ('UTILITY_CONSUMPTION')) t(type)
                """.formatted(first17)).param("n", n).param("last", last.atDay(1)).update();
        jdbc.sql("""
                insert into risk.feed_record (id, merchant_id, credit_code, type, period, period_start, value, status, reference, provider, file_id, line, received_at)
                select gen_random_uuid(), md5('m' || g)::uuid, %s || 'X', t.type, case when t.type = 'TAX_ARREARS' then to_char(:last::date, 'YYYY-MM')
                       else to_char(:today::date - 40, 'YYYY-MM-DD') end, case when t.type = 'TAX_ARREARS' then :last::date else :today::date - 40 end,
                       case when t.type = 'TAX_ARREARS' then 800000 else 3000000 end, null,
                       case when t.type = 'TAX_ARREARS' then '' else '(2026)豫0205民初' || g || '号' end,
                       'bench', '00000000-0000-7000-8000-0000000be4c1', 1, now()
                  from generate_series(1, :n) g cross join (values ('TAX_ARREARS'), ('COURT_JUDGMENT')) t(type)
                 where g %% 10 = 0
                """.formatted(first17)).param("n", n).param("last", last.atDay(1)).param("today", today).update();
        jdbc.sql("""
                insert into risk.activity_day (merchant_id, day, sales_count, sales_minor, redemptions, redemption_minor)
                select md5('m' || g)::uuid, :today::date - d, 1 + (g + d) % 3,
                       (1 + (g + d) % 3) * 200000 * case when g % 40 = 0 and d < 30 then 5 else 1 end, 2 + g % 4, 50000
                  from generate_series(1, :n) g cross join generate_series(1, 120) d where (g + d) % 3 = 0
                """).param("n", n).param("today", today).update();
        jdbc.sql("insert into risk.collection (source, collected_through) values ('activity', :d) on conflict (source) do update "
                + "set collected_through = excluded.collected_through").param("d", today.minusDays(1)).update();
    }

    /** The floor of the job's work in plain SQL: read the same rows grouped per merchant, write as many rows. */
    private void ceiling(LocalDate today) {
        jdbc.sql("create temporary table bench_inputs as select f.merchant_id, f.n, f.s, a.n2, a.s2 from "
                + "(select merchant_id, count(*) n, sum(value) s from risk.feed_record where period_start >= :since group by 1) f "
                + "join (select merchant_id, count(*) n2, sum(sales_minor) s2 from risk.activity_day where day >= :d120 group by 1) a "
                + "using (merchant_id)")
                .param("since", YearMonth.from(today).minusMonths(16).atDay(1)).param("d120", today.minusDays(120)).update();
        jdbc.sql("create temporary table bench_scores as select merchant_id, :today::date as scored_on, "
                + "(10000 - (s2 % 5000))::int as score_centi, 'A'::text as tier, "
                + "jsonb_build_array(jsonb_build_object('factor', 'TAX_PAID', 'value', s)) as factors from bench_inputs")
                .param("today", today).update();
        jdbc.sql("create temporary table bench_states as select merchant_id, 'A'::text tier, :today::date tier_since, "
                + "score_centi from bench_scores").param("today", today).update();
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private String show(String setting) {
        return jdbc.sql("show " + setting).query(String.class).single();
    }

    private static String secs(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }
}
