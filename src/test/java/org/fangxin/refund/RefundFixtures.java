package org.fangxin.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.fangxin.card.CardView;
import org.fangxin.catalog.ContractTerms;
import org.fangxin.catalog.ProductDraft;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.Products;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.UserAccount;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.payment.CreatePaymentOrder;
import org.fangxin.payment.PaymentOrderView;
import org.fangxin.payment.PaymentStatus;
import org.fangxin.payment.Payments;
import org.fangxin.payment.RefundStatus;
import org.fangxin.payment.lifecycle.RefundWorker;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.rules.Rules;
import org.fangxin.shared.Money;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.TestClock;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Steps of the refund integration tests: a merchant with a product, a paid card, payments run, ledger checks. */
final class RefundFixtures {

    static final Duration WAIT_MAX = Duration.ofSeconds(10);

    final TestMerchants merchants;
    final Products products;
    final Payments payments;
    final SandboxGateway sandbox;
    final RefundWorker worker;
    final TestCards cards;
    final Ledger ledger;
    final JdbcClient jdbc;
    final TestClock clock;

    RefundFixtures(TestMerchants merchants, Products products, Payments payments, SandboxGateway sandbox,
                   RefundWorker worker, TestCards cards, Ledger ledger, JdbcClient jdbc, TestClock clock) {
        this.merchants = merchants;
        this.products = products;
        this.payments = payments;
        this.sandbox = sandbox;
        this.worker = worker;
        this.cards = cards;
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    TestMerchants.Created gym() {
        return merchants.activeMerchant(org.fangxin.merchant.Sector.SPORTS_FITNESS, "410200");
    }

    ProductView product(TestMerchants.Created shop, ProductKind kind, Money price, Integer sessions, Term term,
                        RefundMethod method, int feeBp) {
        ContractTerms terms = new ContractTerms(7, method, feeBp, true, "闭店时按剩余价值全额退款或转至承接商户",
                "协商; 不成向消费者协会申请调解或向法院起诉", null);
        Money face = kind == ProductKind.STORED_VALUE ? price : null;
        return products.create(shop.ownerActor(), new ProductDraft("测试卡 " + UUID.randomUUID(), null, kind, price, null,
                face, sessions, term, List.of(shop.merchant().stores().get(0).id()), terms));
    }

    PaymentOrderView paidOrder(UUID payer, UUID merchant, Money amount) {
        PaymentOrderView order = payments.createOrder(new CreatePaymentOrder("purchase:" + UUID.randomUUID(), payer,
                merchant, amount, "测试卡 test card", Duration.ofMinutes(15)));
        sandbox.pay(order.providerOrderId());
        awaitTrue(() -> payments.find(order.id()).orElseThrow().status() == PaymentStatus.PAID);
        return payments.find(order.id()).orElseThrow();
    }

    /** A paid card of the product for the holder, bought now, with the given advance paid out. */
    CardView card(UserAccount holder, TestMerchants.Created shop, ProductView product, Money advance) {
        PaymentOrderView order = paidOrder(holder.id(), shop.id(), product.price());
        LocalDate today = today();
        return cards.issue(holder.id(), shop.id(), product.currentVersionId(), order.id(), product.kind().name(),
                product.price(), product.listPrice(), product.sessions(), today, product.term().lastDayFrom(today),
                clock.instant(), advance);
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
        return ledger.open(type, owner, Money.CNY).normalBalance();
    }

    /** The ledger's invariants and the per-merchant escrow identity of docs/ledger.md hold. */
    void assertBooksHold(UUID merchant) {
        assertThat(ledger.checkInvariants().holds()).as("ledger invariants").isTrue();
        Money cardSide = Money.fen(0);
        for (CardView card : cards.ofMerchant(merchant)) {
            cardSide = cardSide.plus(balance(AccountType.CARD_LIABILITY, card.id()))
                    .plus(balance(AccountType.CONSUMER_REFUNDS_PAYABLE, card.id()));
        }
        Money expected = cardSide.plus(balance(AccountType.MERCHANT_PAYABLE, merchant))
                .plus(balance(AccountType.MERCHANT_SETTLEMENT, merchant))
                .minus(balance(AccountType.MERCHANT_ADVANCE, merchant));
        assertThat(balance(AccountType.ESCROW, merchant)).as("ESCROW = Σ CL + Σ CRP + MP + MS − MA").isEqualTo(expected);
    }

    /** Runs the payment module's refund sender until the payment refund of this reference is final. */
    RefundStatus runPaymentRefund(UUID paymentOrderId, String reference) {
        for (int i = 0; i < 30; i++) {
            RefundStatus status = paymentRefundStatus(paymentOrderId, reference);
            if (status == RefundStatus.SUCCEEDED || status == RefundStatus.FAILED) {
                return status;
            }
            worker.submitDue();
            clock.advance(Duration.ofMinutes(61));
        }
        return paymentRefundStatus(paymentOrderId, reference);
    }

    RefundStatus paymentRefundStatus(UUID paymentOrderId, String reference) {
        return jdbc.sql("select status from payment.refund where payment_order_id = :order and refund_reference = :ref")
                .param("order", paymentOrderId).param("ref", reference).query(String.class).optional()
                .map(RefundStatus::valueOf).orElse(null);
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
        long deadline = System.nanoTime() + WAIT_MAX.toNanos();
        while (!condition.get() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

}
