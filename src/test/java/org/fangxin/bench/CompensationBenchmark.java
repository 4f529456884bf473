package org.fangxin.bench;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.fangxin.FangxinApplication;
import org.fangxin.card.BuyCard;
import org.fangxin.card.EscrowChecks;
import org.fangxin.card.PurchaseView;
import org.fangxin.card.lifecycle.PurchaseDesk;
import org.fangxin.catalog.ContractTerms;
import org.fangxin.catalog.ProductDraft;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.Products;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.payment.Payments;
import org.fangxin.payment.lifecycle.RefundWorker;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.protection.ClosureCaseView;
import org.fangxin.protection.Closures;
import org.fangxin.protection.Deposits;
import org.fangxin.compensation.batch.CompensationPayer;
import org.fangxin.shared.Money;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.TestUsers;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compensates a merchant with N live cards (default 100,000) on the PostgreSQL given by FANGXIN_DB_URL (durable
 * settings). One card is bought through the real modules; the other N − 1 are copied from it by SQL (card rows,
 * PAID payment orders and sandbox orders, CARD_LIABILITY accounts and one seed transfer per card crediting it, debiting
 * the merchant's ESCROW and MERCHANT_ADVANCE as if 60 % had been advanced and paid out). The seed bypasses the purchase
 * flow, the per-card posting keys and the card events; the books are checked after it. Then: confirm the closure
 * (plan), pay every line (two concurrent {@code payDue} calls, as two instances, each on
 * {@code fangxin.protection.compensation.workers} threads: env FANGXIN_PROTECTION_COMPENSATION_WORKERS), the provider refunds go out as each chunk commits (as in production;
 * env BENCH_SEND_ON_REQUEST=false sends them after the pay job), the rest are sent and waited for, until the
 * batch is COMPLETED. Run with {@code bench/compensation/run.sh [cards] [check]} ({@code check}: escrow identity and
 * ledger invariants after seeding and at the end; slow at 100,000 cards).
 */
public final class CompensationBenchmark {

    public static void main(String[] args) throws Exception {
        int cards = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        boolean check = args.length > 1 && "check".equals(args[1]);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(FangxinApplication.class)
                .properties("server.port=0", "fangxin.jobs.enabled=false", "spring.main.banner-mode=off",
                        "fangxin.protection.compensation.choice-period=PT0S", "fangxin.payment.refund.batch-size=1000",
                        // as in production (jobs on): each chunk's refunds are sent as soon as the chunk commits
                        "fangxin.payment.refund.send-on-request=" + System.getenv().getOrDefault("BENCH_SEND_ON_REQUEST", "true"),
                        "logging.level.root=WARN")
                .run()) {
            new CompensationBenchmark(app, check).run(cards);
        }
    }

    private final ConfigurableApplicationContext app;
    private final JdbcClient jdbc;
    private final boolean check;

    CompensationBenchmark(ConfigurableApplicationContext app, boolean check) {
        this.app = app;
        this.check = check;
        this.jdbc = app.getBean(JdbcClient.class);
    }

    void run(int n) throws Exception {
        System.out.printf("Compensation benchmark: %,d live cards, %d cores, fsync=%s synchronous_commit=%s%n", n,
                Runtime.getRuntime().availableProcessors(), show("fsync"), show("synchronous_commit"));
        Users users = app.getBean(Users.class);
        String run = Long.toString(System.nanoTime(), 36);
        Actor operator = users.create("bench-op-" + run, TestUsers.PASSWORD, "bench operator", Role.OPERATOR, null, null).actor();
        var gym = new TestMerchants(app.getBean(Merchants.class), users).activeMerchant(Sector.SPORTS_FITNESS, "410200");
        ContractTerms terms = new ContractTerms(7, RefundMethod.PRO_RATA_SESSIONS, 0, true, "闭店时按剩余价值全额退款", "协商", null);
        ProductView pack = app.getBean(Products.class).create(gym.ownerActor(), new ProductDraft("基准卡 " + UUID.randomUUID(),
                null, ProductKind.SESSION_PACK, Money.yuan(2000), null, null, 60, Term.months(3),
                List.of(gym.merchant().stores().get(0).id()), terms));
        var consumer = users.create("bench-c-" + run, TestUsers.PASSWORD, "bench consumer", Role.CONSUMER, null, null);
        PurchaseDesk purchases = app.getBean(PurchaseDesk.class);
        PurchaseView purchase = purchases.purchase(consumer.actor(), new BuyCard(pack.id(), pack.storeIds().get(0),
                pack.currentVersionId(), true));
        app.getBean(SandboxGateway.class).pay(app.getBean(Payments.class).find(purchase.paymentOrderId()).orElseThrow().providerOrderId());
        long wait = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (purchases.view(consumer.actor(), purchase.id()).cardId() == null && System.nanoTime() < wait) {
            Thread.sleep(20);
        }
        UUID template = purchases.view(consumer.actor(), purchase.id()).cardId();

        long t0 = System.nanoTime();
        seed(template, gym.id(), n - 1);
        long t1 = System.nanoTime();
        Ledger ledger = app.getBean(Ledger.class);
        app.getBean(Deposits.class).lodge(operator, gym.id(), Money.yuan(1_000_000), "bench-deposit");
        ledger.post(NewTransfer.of("fund-top-up:" + UUID.randomUUID(), "benchmark: guarantee fund",
                EntryLine.debit(ledger.open(AccountType.PLATFORM_GUARANTEE_FUND, null, Money.CNY).id(), Money.yuan(200_000_000)),
                EntryLine.credit(ledger.open(AccountType.PLATFORM_EQUITY, null, Money.CNY).id(), Money.yuan(200_000_000))));
        // the identity check reads two ledger accounts per card: minutes at 100,000 cards, so only on request
        String seededOk = check ? String.valueOf(app.getBean(EscrowChecks.class).checkMerchant(gym.id()).holds()) : "not checked";
        long t2 = System.nanoTime();
        System.out.printf("seed %,d cards by SQL: %s (escrow identity after seeding: %s)%n", n - 1, secs(t1 - t0), seededOk);

        Closures closures = app.getBean(Closures.class);
        ClosureCaseView marked = closures.mark(operator, gym.id(), "benchmark: closed");
        resetStatementStatistics();
        long p0 = System.nanoTime();
        closures.confirm(operator, marked.id(), "benchmark: confirmed");
        UUID batchId = awaitBatch(marked.id());
        long p1 = System.nanoTime();
        System.out.printf("plan (confirm → batch of %,d lines stored; notices follow after commit): %s%n", lines(batchId), secs(p1 - p0));

        CompensationPayer payer = app.getBean(CompensationPayer.class);
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(payer::payDue);
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(payer::payDue);
        int settled = a.join() + b.join();
        long p2 = System.nanoTime();
        String workers = app.getEnvironment().getProperty("fangxin.protection.compensation.workers", "2");
        System.out.printf("pay job, 2 instances × %s workers (%,d lines: card ended, one compensation-paid transfer per chunk posted, provider refund queued): %s (%,.0f lines/s)%n",
                workers, settled, secs(p2 - p1), settled / ((p2 - p1) / 1e9));

        long sentDuringPay = jdbc.sql("select count(*) from payment.refund where status = 'SUCCEEDED' and refund_reference like 'compensation:%'")
                .query(Long.class).single();
        System.out.printf("provider refunds already sent when the pay job ended (sent as each chunk committed): %,d of %,d%n", sentDuringPay, settled);
        long pendingAfterPay = unnoticed(batchId);
        RefundWorker refunds = app.getBean(RefundWorker.class);
        // as the refund sender job runs: batches of 1,000 on fangxin.payment.refund.senders threads, up to 200 per run
        while (refunds.submitBacklog(200) > 0) {
            // the job runs again after its delay; here at once
        }
        // the sends started by the chunks' commits may still be under way: wait for their answers
        while (jdbc.sql("select count(*) from payment.refund where status in ('REQUESTED','SUBMITTED')").query(Long.class).single() > 0
                && System.nanoTime() < p2 + Duration.ofMinutes(30).toNanos()) {
            Thread.sleep(50);
        }
        long p3 = System.nanoTime();
        System.out.printf("provider refunds sent, the rest after the pay job (%s senders × batches of 1,000): %s%n",
                app.getEnvironment().getProperty("fangxin.payment.refund.senders", "2"), secs(p3 - p2));
        wait = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (!"COMPLETED".equals(status(batchId)) && System.nanoTime() < wait) {
            Thread.sleep(200);
        }
        long p4 = System.nanoTime();
        System.out.printf("refund outcomes → lines PAID → batch %s: %s%n", status(batchId), secs(p4 - p3));
        // the planned notices go out after the plan commits, in chunks, alongside the payment
        while (unnoticed(batchId) > 0 && System.nanoTime() < wait) {
            Thread.sleep(200);
        }
        System.out.printf("planned notices all sent (checked after completion; pending when the pay job ended: %,d)%n", pendingAfterPay);
        System.out.printf("TOTAL confirm → everyone paid: %s (plan %s + pay %s + provider %s + outcomes %s)%n",
                secs(p4 - p0), secs(p1 - p0), secs(p2 - p1), secs(p3 - p2), secs(p4 - p3));
        if (check) {
            System.out.printf("books: escrow identity %s, ledger invariants %s%n",
                    app.getBean(EscrowChecks.class).checkMerchant(gym.id()).holds(), ledger.checkInvariants().holds());
        }
    }

    /** Copies the template card n times by SQL, with its payment order, sandbox order and ledger liability. */
    private void seed(UUID template, UUID merchantId, int n) {
        Ledger ledger = app.getBean(Ledger.class);
        UUID escrow = ledger.open(AccountType.ESCROW, merchantId, Money.CNY).id().value();
        UUID advance = ledger.open(AccountType.MERCHANT_ADVANCE, merchantId, Money.CNY).id().value();
        app.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
            jdbc.sql("""
                    create temp table seed on commit drop as
                    select gen_random_uuid() as card_id, gen_random_uuid() as order_id, gen_random_uuid() as purchase_id,
                           gen_random_uuid() as holder_id, gen_random_uuid() as account_id, gen_random_uuid() as transfer_id,
                           'bench-' || gen_random_uuid() as provider_order_id
                      from generate_series(1, :n)
                    """).param("n", n).update();
            jdbc.sql("""
                    insert into payment.payment_order (id, reference, payer_user_id, merchant_id, amount_minor, currency,
                           description, provider, provider_order_id, status, created_at, expires_at, paid_at)
                    select s.order_id, 'bench:' || s.order_id, s.holder_id, o.merchant_id, o.amount_minor, o.currency,
                           o.description, o.provider, s.provider_order_id, 'PAID', o.created_at, o.expires_at, o.paid_at
                      from seed s cross join payment.payment_order o
                     where o.id = (select payment_order_id from card.card where id = :template)
                    """).param("template", template).update();
            jdbc.sql("""
                    insert into payment.sandbox_order (provider_order_id, merchant_order_no, amount_minor, currency,
                           description, status, created_at, expires_at, paid_at)
                    select s.provider_order_id, s.order_id, o.amount_minor, o.currency, o.description, 'PAID', o.created_at,
                           o.expires_at, o.paid_at
                      from seed s cross join payment.payment_order o
                     where o.id = (select payment_order_id from card.card where id = :template)
                    """).param("template", template).update();
            jdbc.sql("""
                    insert into card.card (id, purchase_id, holder_id, merchant_id, store_id, product_id, product_name, kind,
                           contract_version_id, contract_sha256, payment_order_id, status, currency, paid_minor, list_price_minor,
                           earned_minor, refunded_minor, transferred_out_minor, advance_minor, advance_outstanding_minor,
                           sessions_total, sessions_remaining, face_value_minor, face_remaining_minor, valid_from, valid_until,
                           zone, released_through, purchased_at)
                    select s.card_id, s.purchase_id, s.holder_id, c.merchant_id, c.store_id, c.product_id, c.product_name, c.kind,
                           c.contract_version_id, c.contract_sha256, s.order_id, 'ACTIVE', c.currency, c.paid_minor,
                           c.list_price_minor, 0, 0, 0, c.advance_minor, c.advance_minor, c.sessions_total, c.sessions_total,
                           c.face_value_minor, c.face_value_minor, c.valid_from, c.valid_until, c.zone, null, c.purchased_at
                      from seed s cross join card.card c where c.id = :template
                    """).param("template", template).update();
            jdbc.sql("""
                    insert into ledger.account (id, type, owner_id, currency, normal_side, non_negative, opened_at)
                    select account_id, 'CARD_LIABILITY', card_id, 'CNY', 'CREDIT', true, now() from seed
                    """).update();
            // one transfer per card (the ledger's deferred balance check runs per entry over its transfer's entries)
            jdbc.sql("""
                    insert into ledger.transfer (id, posting_key, description, posted_at)
                    select transfer_id, 'bench-seed:' || card_id, 'benchmark seed: card bought, 60 % advanced and paid out', now() from seed
                    """).update();
            jdbc.sql("""
                    insert into ledger.entry (transfer_id, account_id, amount_minor, currency, posted_at)
                    select s.transfer_id, s.account_id, -c.paid_minor, 'CNY', now() from seed s cross join card.card c where c.id = :template
                    union all
                    select s.transfer_id, :escrow, c.paid_minor - c.advance_minor, 'CNY', now() from seed s cross join card.card c where c.id = :template
                    union all
                    select s.transfer_id, :advance, c.advance_minor, 'CNY', now() from seed s cross join card.card c where c.id = :template
                    """).param("template", template).param("escrow", escrow).param("advance", advance).update();
            jdbc.sql("""
                    insert into ledger.balance (account_id, currency, normal_side, non_negative, balance_minor, updated_at)
                    select s.account_id, 'CNY', 'CREDIT', true, -c.paid_minor, now() from seed s cross join card.card c where c.id = :template
                    """).param("template", template).update();
            jdbc.sql("""
                    update ledger.balance b set balance_minor = b.balance_minor + x.total, updated_at = now()
                      from (select e.account_id, sum(e.amount_minor) as total from ledger.entry e join seed s on s.transfer_id = e.transfer_id
                             where e.account_id in (:escrow, :advance) group by e.account_id) x
                     where b.account_id = x.account_id
                    """).param("escrow", escrow).param("advance", advance).update();
        });
        jdbc.sql("analyze").update();
    }

    /** On a cluster with pg_stat_statements (run.sh's BENCH_PRIVATE_PG), the figures printed at the end start here. */
    private void resetStatementStatistics() {
        if (jdbc.sql("select count(*) from pg_extension where extname = 'pg_stat_statements'").query(Long.class).single() > 0) {
            jdbc.sql("select pg_stat_statements_reset()").query((rs, n) -> 1).list();
            jdbc.sql("select pg_stat_reset()").query((rs, n) -> 1).list();
        }
    }

    /** Lines of the batch whose planned notice was not sent yet (the batch's cursor runs in plan order). */
    private long unnoticed(UUID batchId) {
        return jdbc.sql("""
                select count(*) from compensation.compensation_line l
                  join compensation.compensation_notice_progress p on p.batch_id = l.batch_id
                 where l.batch_id = :b and l.seq > p.planned_through
                """).param("b", batchId).query(Long.class).single();
    }

    private UUID awaitBatch(UUID caseId) throws InterruptedException {
        long wait = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < wait) {
            var id = jdbc.sql("select id from compensation.compensation_batch where case_id = :c").param("c", caseId)
                    .query(UUID.class).optional();
            if (id.isPresent()) {
                return id.get();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no batch for case " + caseId);
    }

    private long lines(UUID batchId) {
        return jdbc.sql("select count(*) from compensation.compensation_line where batch_id = :b").param("b", batchId)
                .query(Long.class).single();
    }

    private String status(UUID batchId) {
        return jdbc.sql("select status from compensation.compensation_batch where id = :b").param("b", batchId)
                .query(String.class).single();
    }

    private String show(String setting) {
        return jdbc.sql("show " + setting).query(String.class).single();
    }

    private static String secs(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }
}
