package org.fangxin.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.fangxin.card.CardView;
import org.fangxin.card.Cards;
import org.fangxin.card.EscrowChecks;
import org.fangxin.card.EscrowIdentityReport;
import org.fangxin.card.lifecycle.PeriodRelease;
import org.fangxin.catalog.ContractTerms;
import org.fangxin.catalog.ProductDraft;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.Products;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.InvariantReport;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.merchant.Sector;
import org.fangxin.payment.Payments;
import org.fangxin.payment.ProviderRefundStatus;
import org.fangxin.payment.lifecycle.RefundWorker;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.rules.RuleChange;
import org.fangxin.rules.RuleValues;
import org.fangxin.rules.Rules;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.Eventually;
import org.fangxin.testing.TestClock;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.TestUsers;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Steps of the refund integration tests on real cards: a merchant (with its own supervision ratio when a test needs
 * a known advance) and a product, a card bought through the card module (purchase → sandbox payment → card issued),
 * redemptions with the holder's one-time code at the counter, payments run, and the books checked.
 */
final class RefundFixtures {

    static final Duration WAIT_MAX = Duration.ofSeconds(10);
    /** Districts 41xxyy (xx, yy ≠ 00) of one run, each with its own rule row; the sequence keeps them apart. */
    private static final AtomicInteger DISTRICTS = new AtomicInteger((int) (System.nanoTime() % 9_000));

    final TestMerchants merchants;
    final TestUsers users;
    final Products products;
    final Payments payments;
    final SandboxGateway sandbox;
    final RefundWorker worker;
    final Cards cards;
    final EscrowChecks escrow;
    final PeriodRelease release;
    final Rules rules;
    final Ledger ledger;
    final JdbcClient jdbc;
    final TestClock clock;
    final Supplier<Api> api;
    private final Map<UUID, UserAccount> staff = new ConcurrentHashMap<>();

    RefundFixtures(TestMerchants merchants, TestUsers users, Products products, Payments payments, SandboxGateway sandbox,
                   RefundWorker worker, Cards cards, EscrowChecks escrow, PeriodRelease release, Rules rules,
                   Ledger ledger, JdbcClient jdbc, TestClock clock, Supplier<Api> api) {
        this.merchants = merchants;
        this.users = users;
        this.products = products;
        this.payments = payments;
        this.sandbox = sandbox;
        this.worker = worker;
        this.cards = cards;
        this.escrow = escrow;
        this.release = release;
        this.rules = rules;
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.clock = clock;
        this.api = api;
    }

    /** A gym under the rule table's defaults (national supervision ratio 40%: 60% of each price is advanced). */
    TestMerchants.Created gym() {
        return merchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
    }

    /** A gym in a district of its own whose rule row sets the supervision ratio (10000 = nothing advanced). */
    TestMerchants.Created gym(int supervisionRatioBp) {
        int n = DISTRICTS.incrementAndGet() % 9_801;
        String district = String.format("41%02d%02d", n / 99 + 1, n % 99 + 1);
        RuleValues values = new RuleValues(null, null, null, null, null, null, null, null, supervisionRatioBp, null, null,
                List.of(), List.of());
        rules.change(users.create(Role.OPERATOR).actor(), district, Sector.SPORTS_FITNESS.name(),
                new RuleChange(values, "test: supervision ratio " + supervisionRatioBp + " bp", null));
        return merchants.activeMerchant(Sector.SPORTS_FITNESS, district);
    }

    ProductView product(TestMerchants.Created shop, ProductKind kind, Money price, Integer sessions, Term term,
                        RefundMethod method, int feeBp) {
        return product(shop, kind, price, null, sessions, term, method, feeBp);
    }

    /** A product sold below its list price: only a discount leaves room for a refund fee (refund.md). */
    ProductView product(TestMerchants.Created shop, ProductKind kind, Money price, Money listPrice, Integer sessions, Term term,
                        RefundMethod method, int feeBp) {
        ContractTerms terms = new ContractTerms(7, method, feeBp, true, "闭店时按剩余价值全额退款或转至承接商户",
                "协商; 不成向消费者协会申请调解或向法院起诉", null);
        Money face = kind == ProductKind.STORED_VALUE ? price : null;
        return products.create(shop.ownerActor(), new ProductDraft("测试卡 " + UUID.randomUUID(), null, kind, price, listPrice,
                face, sessions, term, List.of(shop.merchant().stores().get(0).id()), terms));
    }

    /** The holder buys the product through the API, pays in the sandbox, and gets the card the card module issues. */
    CardView buy(UserAccount holder, ProductView product) {
        Api.Response started = api.get().as(holder).post("/api/v1/purchases", Map.of("productId", product.id(),
                "storeId", product.storeIds().get(0), "contractVersionId", product.currentVersionId(),
                "acceptContract", true), UUID.randomUUID().toString());
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        UUID purchaseId = UUID.fromString(started.json().get("id").asString());
        UUID orderId = UUID.fromString(started.json().get("paymentOrderId").asString());
        sandbox.pay(payments.find(orderId).orElseThrow().providerOrderId());
        awaitTrue(() -> cardOf(purchaseId) != null);
        UUID cardId = cardOf(purchaseId);
        assertThat(cardId).as("card of purchase " + purchaseId).isNotNull();
        return cards.find(cardId).orElseThrow();
    }

    private UUID cardOf(UUID purchaseId) {
        return jdbc.sql("select id from card.card where purchase_id = :id and transferred_from is null")
                .param("id", purchaseId).query(UUID.class).optional().orElse(null);
    }

    /** Staff of the card's merchant redeem sessions with the one-time code the holder shows. */
    CardView redeemSessions(UserAccount holder, CardView card, int sessions) {
        return redeem(holder, card, Map.of("sessions", sessions));
    }

    /** Staff redeem an amount of a stored-value card's face value. */
    CardView redeemAmount(UserAccount holder, CardView card, Money amount) {
        return redeem(holder, card, Map.of("amount", amount));
    }

    private CardView redeem(UserAccount holder, CardView card, Map<String, Object> what) {
        Api.Response code = api.get().as(holder).post("/api/v1/cards/" + card.id() + "/redemption-codes", null);
        assertThat(code.status()).as(code.body()).isEqualTo(201);
        Map<String, Object> body = new java.util.HashMap<>(what);
        body.put("code", code.json().get("code").asString());
        body.put("storeId", card.storeId());
        Api.Response redeemed = api.get().as(staffOf(card.merchantId())).post("/api/v1/redemptions", body,
                UUID.randomUUID().toString());
        assertThat(redeemed.status()).as(redeemed.body()).isEqualTo(201);
        return cards.find(card.id()).orElseThrow();
    }

    UserAccount staffOf(UUID merchantId) {
        return staff.computeIfAbsent(merchantId, merchants::staff);
    }

    /** Runs the card module's day-by-day release of period passes (the job, called directly). */
    void releasePasses() {
        release.releaseDue();
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), Rules.ZONE);
    }

    void lodgeDeposit(UUID merchant, Money deposit) {
        ledger.post(NewTransfer.of("deposit:" + UUID.randomUUID(), "test deposit",
                EntryLine.debit(ledger.open(AccountType.RISK_DEPOSIT_HELD, merchant, deposit.currency()).id(), deposit),
                EntryLine.credit(ledger.open(AccountType.RISK_DEPOSIT, merchant, deposit.currency()).id(), deposit)));
    }

    Money balance(AccountType type, UUID owner) {
        return ledger.findAccount(type, owner, Money.CNY).map(a -> a.normalBalance()).orElse(Money.fen(0));
    }

    /** The ledger's invariants and the card module's escrow identity (per card and for the merchant) hold. */
    void assertBooksHold(UUID merchant) {
        InvariantReport invariants = ledger.checkInvariants();
        assertThat(invariants.holds()).as(invariants.toString()).isTrue();
        EscrowIdentityReport identity = escrow.checkMerchant(merchant);
        assertThat(identity.holds()).as(identity.violations().toString()).isTrue();
    }

    /** Runs the payment module's refund sender until the payment refund of this reference is final. */
    ProviderRefundStatus runPaymentRefund(UUID paymentOrderId, String reference) {
        for (int i = 0; i < 30; i++) {
            ProviderRefundStatus status = paymentRefundStatus(paymentOrderId, reference);
            if (status == ProviderRefundStatus.SUCCEEDED || status == ProviderRefundStatus.FAILED) {
                return status;
            }
            worker.submitDue();
            clock.advance(Duration.ofMinutes(61));
        }
        return paymentRefundStatus(paymentOrderId, reference);
    }

    ProviderRefundStatus paymentRefundStatus(UUID paymentOrderId, String reference) {
        return jdbc.sql("select status from payment.refund where payment_order_id = :order and refund_reference = :ref")
                .param("order", paymentOrderId).param("ref", reference).query(String.class).optional()
                .map(ProviderRefundStatus::valueOf).orElse(null);
    }

    long sandboxRefunds(UUID paymentOrderId) {
        String provider = payments.find(paymentOrderId).orElseThrow().providerOrderId();
        return jdbc.sql("select count(*) from payment.sandbox_refund where provider_order_id = :id")
                .param("id", provider).query(Long.class).single();
    }

    String providerOrderId(UUID paymentOrderId) {
        return payments.find(paymentOrderId).orElseThrow().providerOrderId();
    }

    /** Polls until {@code condition} holds, at most WAIT_MAX (listeners run after commit on another thread). */
    static void awaitTrue(Supplier<Boolean> condition) {
        Eventually.awaitTrue(condition, WAIT_MAX);
    }
}
