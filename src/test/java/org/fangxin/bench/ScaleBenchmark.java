package org.fangxin.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.fangxin.FangxinApplication;
import org.fangxin.card.BuyCard;
import org.fangxin.card.PurchaseView;
import org.fangxin.card.Redeem;
import org.fangxin.card.lifecycle.PurchaseDesk;
import org.fangxin.card.lifecycle.RedemptionDesk;
import org.fangxin.catalog.ContractTerms;
import org.fangxin.catalog.ProductDraft;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.Products;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.payment.Payments;
import org.fangxin.payment.lifecycle.CallbackIntake;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.shared.MerchantSlot;
import org.fangxin.shared.Money;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.TestUsers;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * bench/scale (issue 17): redemptions over M merchants (default 100) through the service's facades, each inside its
 * merchant's route. The same class runs on the default profile (direct PostgreSQL, the route is a plain call) and,
 * through {@code ShardedScaleBenchmark} (src/sharded-test), on the sharded profile over 1 or 3 shards, where the route
 * is {@code ShardRouting}. Merchants get slots spread evenly over the 1,024, so over 3 shards a third lands on each.
 * One operation = the holder's one-time code + the staff's redemption of one session (two transactions). Reports
 * ops/s, mean latency and the service's CPU time per operation (this JVM: the facades run in it).
 * Usage: {@code ScaleBenchmark <label> <merchants> <cards-per-merchant> <seconds-per-step> <clients,...>}.
 */
public class ScaleBenchmark {

    /** Runs a merchant's work on its shard (sharded profile) or as it is (default profile). */
    public interface Router {
        <T> T onMerchant(UUID merchantId, Supplier<T> work);

        <T> T onNewMerchant(int slot, Supplier<T> work);
    }

    /** The default profile: no shards, nothing to route. */
    static final Router DIRECT = new Router() {
        @Override
        public <T> T onMerchant(UUID merchantId, Supplier<T> work) {
            return work.get();
        }

        @Override
        public <T> T onNewMerchant(int slot, Supplier<T> work) {
            return work.get();
        }
    };

    record Sold(UUID merchantId, UUID storeId, UUID cardId, UserAccount holder, UserAccount staff) { }

    public static void main(String[] args) throws Exception {
        run(args, DIRECT);
    }

    /** Starts the service with {@code profiles} and runs the benchmark with {@code router}. */
    public static void run(String[] args, Router router, String... profiles) throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(FangxinApplication.class).profiles(profiles)
                .properties("server.port=0", "fangxin.jobs.enabled=false", "spring.main.banner-mode=off",
                        "logging.level.root=WARN")
                .run()) {
            new ScaleBenchmark(app, router).run(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                    Integer.parseInt(args[3]), args[4]);
        }
    }

    private final ConfigurableApplicationContext app;
    private final Router router;
    private final RedemptionDesk redemptions;

    ScaleBenchmark(ConfigurableApplicationContext app, Router router) {
        this.app = app;
        this.router = router;
        this.redemptions = app.getBean(RedemptionDesk.class);
    }

    void run(String label, int merchants, int cardsPerMerchant, int seconds, String clients) throws Exception {
        long t0 = System.nanoTime();
        List<Sold> cards = seed(merchants, cardsPerMerchant);
        System.out.printf("[%s] seeded %d merchants, %d cards in %.1f s%n", label, merchants, cards.size(),
                (System.nanoTime() - t0) / 1e9);
        step(label, cards, 2, 3); // warm-up: JIT, pools, plans
        for (String c : clients.split(",")) {
            step(label, cards, Integer.parseInt(c.trim()), seconds);
        }
    }

    private List<Sold> seed(int merchants, int cardsPerMerchant) throws InterruptedException {
        Users users = app.getBean(Users.class);
        TestMerchants onboarding = new TestMerchants(app.getBean(Merchants.class), users);
        String run = Long.toString(System.nanoTime(), 36);
        List<Sold> sold = new ArrayList<>();
        for (int m = 0; m < merchants; m++) {
            int slot = (int) ((long) m * MerchantSlot.SLOTS / merchants);
            TestMerchants.Created gym = router.onNewMerchant(slot, () -> onboarding.activeMerchant(Sector.SPORTS_FITNESS, "410200"));
            ProductView pack = router.onMerchant(gym.id(), () -> pack(gym));
            UserAccount staff = router.onMerchant(gym.id(), () -> onboarding.staff(gym.id()));
            for (int c = 0; c < cardsPerMerchant; c++) {
                UserAccount holder = users.create("scale-" + run + "-" + m + "-" + c, TestUsers.PASSWORD, "bench consumer",
                        Role.CONSUMER, null, null);
                UUID cardId = router.onMerchant(gym.id(), () -> buy(holder, pack));
                sold.add(new Sold(gym.id(), pack.storeIds().get(0), cardId, holder, staff));
            }
        }
        return sold;
    }

    private ProductView pack(TestMerchants.Created gym) {
        ContractTerms terms = new ContractTerms(7, RefundMethod.PRO_RATA_SESSIONS, 0, true, "闭店时按剩余价值全额退款", "协商", null);
        return app.getBean(Products.class).create(gym.ownerActor(), new ProductDraft("规模卡 " + UUID.randomUUID(), null,
                ProductKind.SESSION_PACK, Money.yuan(1200), null, null, 500, Term.months(3),
                List.of(gym.merchant().stores().get(0).id()), terms));
    }

    /** Order, the provider's payment and its callback (delivered here, in the route), then the issued card. */
    private UUID buy(UserAccount holder, ProductView pack) {
        PurchaseDesk purchases = app.getBean(PurchaseDesk.class);
        SandboxGateway sandbox = app.getBean(SandboxGateway.class);
        PurchaseView purchase = purchases.purchase(holder.actor(), new BuyCard(pack.id(), pack.storeIds().get(0),
                pack.currentVersionId(), true));
        String providerOrderId = app.getBean(Payments.class).find(purchase.paymentOrderId()).orElseThrow().providerOrderId();
        sandbox.deliver(providerOrderId, SandboxGateway.Delivery.HOLD);
        sandbox.pay(providerOrderId);
        app.getBean(CallbackIntake.class).receive("sandbox", sandbox.signedNotification(providerOrderId), "127.0.0.1");
        long wait = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < wait) {
            UUID card = purchases.view(holder.actor(), purchase.id()).cardId();
            if (card != null) {
                return card;
            }
            Thread.onSpinWait();
        }
        throw new IllegalStateException("no card for purchase " + purchase.id());
    }

    /** {@code clients} threads redeem for {@code seconds}; thread t takes the cards t, t + clients, … in turn. */
    private void step(String label, List<Sold> cards, int clients, int seconds) throws InterruptedException {
        AtomicLong ops = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicLong nanos = new AtomicLong();
        CountDownLatch done = new CountDownLatch(clients);
        long cpu0 = processCpuNanos();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        for (int t = 0; t < clients; t++) {
            int first = t;
            new Thread(() -> {
                try {
                    for (int i = first; System.nanoTime() < end; i += clients) {
                        long began = System.nanoTime();
                        if (redeem(cards.get(i % cards.size()))) {
                            ops.incrementAndGet();
                            nanos.addAndGet(System.nanoTime() - began);
                        } else {
                            failures.incrementAndGet();
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "scale-client-" + t).start();
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long cpu = processCpuNanos() - cpu0;
        long n = Math.max(1, ops.get());
        System.out.printf("RESULT %s clients=%d ops=%d failures=%d ops/s=%.1f mean_ms=%.2f service_cpu_ms_per_op=%.2f%n",
                label, clients, ops.get(), failures.get(), ops.get() / elapsed, nanos.get() / 1e6 / n, cpu / 1e6 / n);
    }

    private boolean redeem(Sold card) {
        try {
            return router.onMerchant(card.merchantId(), () -> {
                String code = redemptions.issueCode(card.holder().actor(), card.cardId()).code();
                redemptions.redeem(card.staff().actor(), new Redeem(code, card.storeId(), 1, null));
                return true;
            });
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }
}
