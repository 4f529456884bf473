package org.fangxin.protection.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.fangxin.card.BuyCard;
import org.fangxin.card.EscrowChecks;
import org.fangxin.card.EscrowIdentityReport;
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
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.InvariantReport;
import org.fangxin.ledger.Ledger;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.payment.Payments;
import org.fangxin.payment.lifecycle.RefundWorker;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.compensation.batch.CompensationRuns;
import org.fangxin.compensation.Compensations;
import org.fangxin.rules.RuleChange;
import org.fangxin.rules.RuleValues;
import org.fangxin.rules.Rules;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.TestUsers;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The steps of a closure journey through the real modules: a gym (optionally under its own supervision ratio), its
 * products, cards bought through the purchase path and paid in the payment sandbox, redemptions at the counter, the
 * payment job of one batch, and the books (ledger invariants, escrow identity, no negative merchant account).
 * Waiting is only for listeners that run after commit on another thread; time itself moves by the TestClock.
 */
final class JourneyDesk {

    static final Duration WAIT_MAX = Duration.ofSeconds(60);
    private static final java.util.concurrent.atomic.AtomicInteger DISTRICTS =
            new java.util.concurrent.atomic.AtomicInteger((int) (System.nanoTime() % 5_000));

    /** A card bought in the journey and what the test itself says is left on it. */
    record Holding(UserAccount consumer, UUID cardId, ProductView product, long price) { }

    final ApplicationContext context;
    final TestUsers users;
    final TestMerchants merchants;
    final Products products;
    final PurchaseDesk purchases;
    final RedemptionDesk redemptions;
    final SandboxGateway sandbox;
    final Payments payments;
    final RefundWorker refundWorker;
    final Ledger ledger;
    final EscrowChecks escrow;
    final Compensations compensations;
    final Rules rules;
    final JdbcClient jdbc;

    JourneyDesk(ApplicationContext context, TestUsers users) {
        this.context = context;
        this.users = users;
        this.merchants = new TestMerchants(context.getBean(Merchants.class), context.getBean(Users.class));
        this.products = context.getBean(Products.class);
        this.purchases = context.getBean(PurchaseDesk.class);
        this.redemptions = context.getBean(RedemptionDesk.class);
        this.sandbox = context.getBean(SandboxGateway.class);
        this.payments = context.getBean(Payments.class);
        this.refundWorker = context.getBean(RefundWorker.class);
        this.ledger = context.getBean(Ledger.class);
        this.escrow = context.getBean(EscrowChecks.class);
        this.compensations = context.getBean(Compensations.class);
        this.rules = context.getBean(Rules.class);
        this.jdbc = context.getBean(JdbcClient.class);
    }

    /** A gym under the national default supervision ratio (40 %: 60 % of every price is advanced). */
    TestMerchants.Created gym() {
        return merchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
    }

    /** A gym in a district of its own whose rule row sets the supervision ratio (10000 = nothing advanced). */
    TestMerchants.Created gym(int supervisionRatioBp) {
        int n = DISTRICTS.incrementAndGet() % 9_801;
        String district = String.format("42%02d%02d", n / 99 + 1, n % 99 + 1);
        RuleValues values = new RuleValues(null, null, null, null, null, null, null, null, supervisionRatioBp, null, null,
                List.of(), List.of());
        rules.change(users.create(Role.OPERATOR).actor(), district, Sector.SPORTS_FITNESS.name(),
                new RuleChange(values, "journey: supervision ratio " + supervisionRatioBp + " bp", null));
        return merchants.activeMerchant(Sector.SPORTS_FITNESS, district);
    }

    ProductView product(TestMerchants.Created gym, ProductKind kind, Money price, Integer sessions, Term term,
                        RefundMethod method) {
        ContractTerms terms = new ContractTerms(7, method, 0, true, "闭店时按剩余价值全额退款或转至承接商户",
                "协商; 不成向消费者协会申请调解", null);
        Money face = kind == ProductKind.STORED_VALUE ? price : null;
        return products.create(gym.ownerActor(), new ProductDraft("旅程卡 " + UUID.randomUUID().toString().substring(0, 8),
                null, kind, price, null, face, sessions, term, List.of(gym.merchant().stores().get(0).id()), terms));
    }

    /**
     * Each consumer buys the product at the same index: the first {@code throughApi} through {@code POST
     * /api/v1/purchases}, the rest through the purchase desk; all are paid in the sandbox first and the cards awaited
     * together (the card is issued by a listener of the payment).
     */
    List<Holding> buy(List<UserAccount> consumers, List<ProductView> wanted, int throughApi, java.util.function.Supplier<Api> api) {
        List<UUID> purchaseIds = new ArrayList<>();
        for (int i = 0; i < consumers.size(); i++) {
            UserAccount consumer = consumers.get(i);
            ProductView product = wanted.get(i);
            UUID purchaseId;
            UUID orderId;
            if (i < throughApi) {
                Api.Response started = api.get().as(consumer).post("/api/v1/purchases", Map.of("productId", product.id(),
                        "storeId", product.storeIds().get(0), "contractVersionId", product.currentVersionId(),
                        "acceptContract", true), UUID.randomUUID().toString());
                assertThat(started.status()).as(started.body()).isEqualTo(201);
                purchaseId = UUID.fromString(started.json().get("id").asString());
                orderId = UUID.fromString(started.json().get("paymentOrderId").asString());
            } else {
                PurchaseView purchase = purchases.purchase(consumer.actor(), new BuyCard(product.id(),
                        product.storeIds().get(0), product.currentVersionId(), true));
                purchaseId = purchase.id();
                orderId = purchase.paymentOrderId();
            }
            sandbox.pay(payments.find(orderId).orElseThrow().providerOrderId());
            purchaseIds.add(purchaseId);
        }
        List<Holding> holdings = new ArrayList<>();
        for (int i = 0; i < consumers.size(); i++) {
            UUID purchaseId = purchaseIds.get(i);
            await(() -> cardOf(purchaseId) != null, "card of purchase " + purchaseId);
            ProductView product = wanted.get(i);
            holdings.add(new Holding(consumers.get(i), cardOf(purchaseId), product, product.price().amountMinor()));
        }
        return holdings;
    }

    private UUID cardOf(UUID purchaseId) {
        return jdbc.sql("select id from card.card where purchase_id = :id and transferred_from is null")
                .param("id", purchaseId).query(UUID.class).optional().orElse(null);
    }

    /** The holder shows a code and the gym's staff redeem sessions or an amount at the counter. */
    void redeem(Holding holding, UserAccount staff, Integer sessions, Money amount) {
        String code = redemptions.issueCode(holding.consumer().actor(), holding.cardId()).code();
        redemptions.redeem(staff.actor(), new Redeem(code, holding.product().storeIds().get(0), sessions, amount));
    }

    /** Runs the payment job for the batch in chunks of {@code chunk} lines, checking the books after each chunk. */
    int payDue(UUID batchId, int chunk, Runnable afterChunk) {
        int total = 0;
        while (true) {
            int paid = CompensationRuns.payDue(context, batchId, chunk);
            if (paid == 0) {
                return total;
            }
            total += paid;
            afterChunk.run();
        }
    }

    /** Sends the provider refunds until the batch has no line PAYING any more (the provider answers in the sandbox). */
    void sendRefundsUntilPaid(UUID caseId, org.fangxin.identity.Actor operator) {
        await(() -> {
            refundWorker.submitDue();
            return compensations.batch(operator, caseId).paying() == 0;
        }, "compensation refunds of case " + caseId);
    }

    Money balance(AccountType type, UUID owner) {
        return ledger.findAccount(type, owner, Money.CNY).map(a -> a.normalBalance()).orElse(Money.fen(0));
    }

    /** Ledger invariants, the escrow identity of each merchant, and no merchant-side account below zero. */
    void assertBooks(String when, UUID... merchantIds) {
        InvariantReport invariants = ledger.checkInvariants();
        assertThat(invariants.holds()).as(when + ": " + invariants).isTrue();
        for (UUID merchantId : merchantIds) {
            EscrowIdentityReport identity = escrow.checkMerchant(merchantId);
            assertThat(identity.holds()).as(when + ": " + identity.violations()).isTrue();
            for (AccountType type : List.of(AccountType.ESCROW, AccountType.MERCHANT_ADVANCE, AccountType.RISK_DEPOSIT,
                    AccountType.RISK_DEPOSIT_HELD, AccountType.MERCHANT_PAYABLE, AccountType.SUBROGATION_RECEIVABLE)) {
                assertThat(balance(type, merchantId).isNegative()).as(when + ": " + type + " of " + merchantId).isFalse();
            }
        }
        assertThat(balance(AccountType.PLATFORM_GUARANTEE_FUND, null).isNegative()).as(when + ": guarantee fund").isFalse();
    }

    /** Sum of debits (or credits, as a positive number) of one account type under a posting-key prefix. */
    long ledgerSum(String keyPrefix, AccountType type, boolean debits) {
        long sum = jdbc.sql("""
                select coalesce(sum(e.amount_minor), 0) from ledger.entry e
                  join ledger.transfer t on t.id = e.transfer_id join ledger.account a on a.id = e.account_id
                 where t.posting_key like :p and a.type = :type and (e.amount_minor > 0) = :debits
                """).param("p", keyPrefix + "%").param("type", type.name()).param("debits", debits)
                .query(Long.class).single();
        return Math.abs(sum);
    }

    /** Provider refund amounts per compensation reference of the case. */
    Map<String, Long> refundsByReference(UUID caseId) {
        Map<String, Long> amounts = new java.util.HashMap<>();
        jdbc.sql("select refund_reference, count(*) as n, sum(amount_minor) as total from payment.refund "
                        + "where refund_reference like :p group by refund_reference")
                .param("p", "compensation:" + caseId + ":%")
                .query((rs, n) -> {
                    assertThat(rs.getLong("n")).as("provider refunds for " + rs.getString("refund_reference")).isEqualTo(1);
                    amounts.put(rs.getString("refund_reference"), rs.getLong("total"));
                    return null;
                }).list();
        return amounts;
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT_MAX.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20); // a listener on another thread, not time passing: the TestClock moves time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
