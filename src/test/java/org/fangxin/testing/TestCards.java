package org.fangxin.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.fangxin.catalog.ContractTerms;
import org.fangxin.catalog.ProductDraft;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.Products;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.payment.Payments;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Real cards for tests of other modules: a consumer buys a 300-day pass through the purchase API and pays in the
 * sandbox; the card module issues the card (and posts purchase, escrow and the advance by the ratio in force).
 */
public final class TestCards {

    private static final Duration WAIT_MAX = Duration.ofSeconds(10);

    private final Products products;
    private final Payments payments;
    private final SandboxGateway sandbox;
    private final JdbcClient jdbc;
    private final TestUsers users;
    private final Supplier<Api> api;

    public TestCards(Products products, Payments payments, SandboxGateway sandbox, JdbcClient jdbc, TestUsers users,
                     Supplier<Api> api) {
        this.products = products;
        this.payments = payments;
        this.sandbox = sandbox;
        this.jdbc = jdbc;
        this.users = users;
        this.api = api;
    }

    /** A new consumer buys a 300-day pass of {@code price} at the merchant's first store; returns the card id. */
    public UUID buyPass(TestMerchants.Created merchant, Money price) {
        return buy(users.create(Role.CONSUMER), pass(merchant, price));
    }

    public ProductView pass(TestMerchants.Created merchant, Money price) {
        return pass(merchant, price, 300);
    }

    /** A consumer buys a pass of {@code days} (education: at most 3 months per charge). */
    public UUID buyPass(TestMerchants.Created merchant, Money price, int days) {
        return buy(users.create(Role.CONSUMER), pass(merchant, price, days));
    }

    public ProductView pass(TestMerchants.Created merchant, Money price, int days) {
        ContractTerms terms = new ContractTerms(7, RefundMethod.PRO_RATA_DAYS, 0, true, "闭店时按剩余价值全额退款",
                "协商不成的, 向消费者协会申请调解", null);
        return products.create(merchant.ownerActor(), new ProductDraft("测试通卡 " + UUID.randomUUID().toString().substring(0, 8),
                null, ProductKind.PERIOD_PASS, price, null, null, null, Term.days(days),
                List.of(merchant.merchant().stores().get(0).id()), terms));
    }

    public UUID buy(UserAccount consumer, ProductView product) {
        Api.Response started = api.get().as(consumer).post("/api/v1/purchases", Map.of("productId", product.id(),
                "storeId", product.storeIds().get(0), "contractVersionId", product.currentVersionId(),
                "acceptContract", true), UUID.randomUUID().toString());
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        UUID purchaseId = UUID.fromString(started.json().get("id").asString());
        UUID orderId = UUID.fromString(started.json().get("paymentOrderId").asString());
        sandbox.pay(payments.find(orderId).orElseThrow().providerOrderId());
        long deadline = System.nanoTime() + WAIT_MAX.toNanos();
        UUID card = cardOf(purchaseId);
        while (card == null && System.nanoTime() < deadline) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            card = cardOf(purchaseId);
        }
        assertThat(card).as("card of purchase " + purchaseId).isNotNull();
        return card;
    }

    private UUID cardOf(UUID purchaseId) {
        return jdbc.sql("select id from card.card where purchase_id = :id and transferred_from is null")
                .param("id", purchaseId).query(UUID.class).optional().orElse(null);
    }
}
