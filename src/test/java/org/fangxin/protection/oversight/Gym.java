package org.fangxin.protection.oversight;

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
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.payment.Payments;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.TestUsers;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A test gym selling a 60-session pack through the real purchase flow, with its staff and cardholders. */
final class Gym {

    record Holder(UserAccount consumer, UUID cardId) { }

    final TestMerchants.Created merchant;
    final ProductView pack;
    final UserAccount staff;
    private final Supplier<Api> api;
    private final TestUsers users;
    private final Payments payments;
    private final SandboxGateway sandbox;
    private final JdbcClient jdbc;

    Gym(TestMerchants merchants, Products products, TestUsers users, Payments payments, SandboxGateway sandbox,
        JdbcClient jdbc, Supplier<Api> api, String region) {
        this.merchant = merchants.activeMerchant(org.fangxin.merchant.Sector.SPORTS_FITNESS, region);
        this.users = users;
        this.payments = payments;
        this.sandbox = sandbox;
        this.jdbc = jdbc;
        this.api = api;
        ContractTerms terms = new ContractTerms(7, org.fangxin.catalog.RefundMethod.PRO_RATA_SESSIONS, 0, true,
                "闭店时按剩余价值全额退款", "协商不成的, 向消费者协会申请调解", null);
        this.pack = products.create(merchant.ownerActor(), new ProductDraft("次卡 " + UUID.randomUUID().toString().substring(0, 8),
                null, ProductKind.SESSION_PACK, Money.yuan(2000), null, null, 60, org.fangxin.catalog.Term.months(3),
                List.of(store()), terms));
        this.staff = merchants.staff(merchant.id());
    }

    UUID id() {
        return merchant.id();
    }

    UUID store() {
        return merchant.merchant().stores().get(0).id();
    }

    /** A consumer who bought and paid a card (the card exists when this returns). */
    Holder cardholder() {
        UserAccount consumer = users.create(Role.CONSUMER);
        Api.Response started = api.get().as(consumer).post("/api/v1/purchases", Map.of("productId", pack.id(),
                "storeId", store(), "contractVersionId", pack.currentVersionId(), "acceptContract", true),
                UUID.randomUUID().toString());
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        UUID purchaseId = UUID.fromString(started.json().get("id").asString());
        UUID orderId = UUID.fromString(started.json().get("paymentOrderId").asString());
        sandbox.pay(payments.find(orderId).orElseThrow().providerOrderId());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            var card = jdbc.sql("select id from card.card where purchase_id = :id").param("id", purchaseId).query(UUID.class).optional();
            if (card.isPresent()) {
                return new Holder(consumer, card.get());
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("no card for purchase " + purchaseId);
    }

    /** The holder shows a code and the staff redeem one session. */
    void redeem(Holder holder) {
        var code = api.get().as(holder.consumer()).post("/api/v1/cards/" + holder.cardId() + "/redemption-codes", null);
        assertThat(code.status()).as(code.body()).isEqualTo(201);
        var redeemed = api.get().as(staff).post("/api/v1/redemptions", Map.of("code", code.json().get("code").asString(),
                "storeId", store(), "sessions", 1), UUID.randomUUID().toString());
        assertThat(redeemed.status()).as(redeemed.body()).isEqualTo(201);
    }

    /** Staff ask the holder to confirm one session (安心付) and the holder declines. */
    void requestDeclined(Holder holder) {
        var requested = api.get().as(staff).post("/api/v1/redemption-requests",
                Map.of("cardId", holder.cardId(), "storeId", store(), "sessions", 1));
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        var declined = api.get().as(holder.consumer()).post("/api/v1/redemption-requests/"
                + requested.json().get("id").asString() + "/decline", null);
        assertThat(declined.status()).as(declined.body()).isEqualTo(200);
    }
}
