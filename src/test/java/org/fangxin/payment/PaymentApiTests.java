package org.fangxin.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The payment API against every kind of caller: the payer and operators read an order, nobody else learns it exists. */
class PaymentApiTests extends IntegrationTest {

    @Autowired Payments payments;
    @Autowired SandboxGateway sandbox;
    @Autowired JdbcClient jdbc;
    PaymentFixtures fixtures;
    UserAccount payer;
    PaymentOrderView order;
    Map<String, Api> callers;

    @BeforeEach
    void setUp() {
        fixtures = new PaymentFixtures(payments, jdbc);
        payer = users.create(Role.CONSUMER);
        order = fixtures.order(payer.id(), Money.yuan(2000), Duration.ofMinutes(15));
        callers = new LinkedHashMap<>();
        callers.put("anonymous", api());
        callers.put("payer", api().as(payer));
        callers.put("otherConsumer", api().as(users.create(Role.CONSUMER)));
        callers.put("merchantOwner", api().as(users.create(Role.MERCHANT_OWNER, order.merchantId(), null)));
        callers.put("operator", api().as(users.create(Role.OPERATOR)));
        callers.put("bank", api().as(users.create(Role.BANK)));
        callers.put("regulator", api().as(users.create(Role.REGULATOR)));
    }

    @Test
    void onlyThePayerAndOperatorsSeeAnOrder() {
        expect(api -> api.get("/api/v1/payments/" + order.id()), Map.of("anonymous", 401, "payer", 200,
                "otherConsumer", 404, "merchantOwner", 404, "operator", 200, "bank", 404, "regulator", 404));
        expect(api -> api.get("/api/v1/payments/" + order.id() + "/refunds"), Map.of("anonymous", 401, "payer", 200,
                "otherConsumer", 404, "merchantOwner", 404, "operator", 200, "bank", 404, "regulator", 404));
        expect(api -> api.get("/api/v1/payments/" + UUID.randomUUID()), Map.of("anonymous", 401, "payer", 404,
                "otherConsumer", 404, "merchantOwner", 404, "operator", 404, "bank", 404, "regulator", 404));
    }

    @Test
    void onlyOperatorsListOrders() {
        expect(api -> api.get("/api/v1/payments?status=PENDING"), Map.of("anonymous", 401, "payer", 403,
                "otherConsumer", 403, "merchantOwner", 403, "operator", 200, "bank", 403, "regulator", 403));
    }

    @Test
    void showsTheOrderWithMoneyAsMinorUnits() {
        JsonNode body = callers.get("payer").get("/api/v1/payments/" + order.id()).json();
        assertThat(body.get("status").asString()).isEqualTo("PENDING");
        assertThat(body.get("amount").get("amountMinor").asLong()).isEqualTo(200_000);
        assertThat(body.get("amount").get("currency").asString()).isEqualTo("CNY");
        assertThat(body.get("checkoutUrl").asString()).startsWith("/public/sandbox-pay/SBX");
        assertThat(body.get("expiresAt").asString()).isNotBlank();
    }

    @Test
    void operatorsListPendingOrdersOldestFirstAndRejectBadFilters() {
        Api operator = callers.get("operator");
        JsonNode pending = operator.get("/api/v1/payments?status=PENDING&limit=200").json();
        assertThat(pending.isArray()).isTrue();
        pending.forEach(row -> assertThat(row.get("status").asString()).isEqualTo("PENDING"));
        assertThat(operator.get("/api/v1/payments?status=NONSENSE").status()).isEqualTo(400);
    }

    @Test
    void showsRefundsToThePayer() {
        sandbox.pay(order.providerOrderId());
        fixtures.awaitStatus(order.id(), PaymentStatus.PAID);
        payments.refund(new RequestRefund(order.id(), "refund:" + UUID.randomUUID(), Money.yuan(1600), "pro rata"));

        JsonNode refunds = callers.get("payer").get("/api/v1/payments/" + order.id() + "/refunds").json();
        assertThat(refunds).hasSize(1);
        assertThat(refunds.get(0).get("status").asString()).isEqualTo("REQUESTED");
        assertThat(refunds.get(0).get("amount").get("amountMinor").asLong()).isEqualTo(160_000);
    }

    private void expect(Function<Api, Api.Response> call, Map<String, Integer> expected) {
        assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(callers.keySet());
        Map<String, Integer> actual = new LinkedHashMap<>();
        callers.forEach((name, api) -> actual.put(name, call.apply(api).status()));
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
    }
}
