package org.fangxin.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.fangxin.card.CardView;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;

/** Every endpoint × role: own data only, other tenants "not found", roles that may not act "forbidden". */
class RefundApiTests extends RefundTestBase {

    @Test
    void answersEachRoleAsTheAccessRuleSays() {
        TestMerchants.Created gym = fx.gym();
        TestMerchants.Created otherGym = fx.gym();
        ProductView pack = fx.product(gym, ProductKind.SESSION_PACK, Money.yuan(600), 6, Term.months(6),
                RefundMethod.PRO_RATA_SESSIONS, 0);
        UserAccount holder = users.create(Role.CONSUMER);
        CardView card = fx.buy(holder, pack);
        fx.redeemSessions(holder, card, 1);

        Api anonymous = api();
        Api holderApi = api().as(holder);
        Api otherConsumer = api().as(users.create(Role.CONSUMER));
        Api owner = api().as(gym.owner());
        Api staff = api().as(fx.merchants.staff(gym.id()));
        Api otherOwner = api().as(otherGym.owner());
        Api operator = api().as(users.create(Role.OPERATOR));
        Api regulator = api().as(users.create(Role.REGULATOR));
        Api bank = api().as(users.create(Role.BANK));
        Api insurer = api().as(users.create(Role.INSURER));

        String quote = "/api/v1/cards/" + card.id() + "/refund-quote";
        assertThat(holderApi.get(quote).status()).isEqualTo(200);
        assertThat(holderApi.get(quote + "?reason=EXPIRY").status()).isEqualTo(400);
        assertThat(otherConsumer.get(quote).status()).isEqualTo(404);
        assertThat(owner.get(quote).status()).isEqualTo(403);
        assertThat(operator.get(quote).status()).isEqualTo(403);
        assertThat(anonymous.get(quote).status()).isEqualTo(401);

        Map<String, Object> body = Map.of("cardId", card.id(), "reason", "CONSUMER_CHOICE");
        assertThat(holderApi.post("/api/v1/refunds", body).code()).isEqualTo("idempotency-key-missing");
        assertThat(otherConsumer.post("/api/v1/refunds", body, key()).status()).isEqualTo(404);
        assertThat(owner.post("/api/v1/refunds", body, key()).status()).isEqualTo(403);
        assertThat(operator.post("/api/v1/refunds", body, key()).status()).isEqualTo(403);
        assertThat(anonymous.post("/api/v1/refunds", body, key()).status()).isEqualTo(401);
        assertThat(holderApi.post("/api/v1/refunds", Map.of("cardId", card.id(), "reason", "NOPE"), key()).status()).isEqualTo(400);
        assertThat(holderApi.post("/api/v1/refunds", Map.of("cardId", card.id()), key()).status()).isEqualTo(400);
        var created = holderApi.post("/api/v1/refunds", body, key());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(holderApi.post("/api/v1/refunds", body, key()).code()).isEqualTo("refund-already-requested");

        String one = "/api/v1/refunds/" + id;
        assertThat(holderApi.get(one).status()).isEqualTo(200);
        assertThat(otherConsumer.get(one).status()).isEqualTo(404);
        assertThat(owner.get(one).status()).isEqualTo(200);
        assertThat(staff.get(one).status()).isEqualTo(200);
        assertThat(otherOwner.get(one).status()).isEqualTo(404);
        assertThat(operator.get(one).status()).isEqualTo(200);
        assertThat(regulator.get(one).status()).isEqualTo(200);
        assertThat(bank.get(one).status()).isEqualTo(403);
        assertThat(anonymous.get(one).status()).isEqualTo(401);
        assertThat(holderApi.get("/api/v1/refunds/" + UUID.randomUUID()).status()).isEqualTo(404);

        assertThat(holderApi.get("/api/v1/refunds").json()).hasSize(1);
        assertThat(otherConsumer.get("/api/v1/refunds").json()).isEmpty();
        assertThat(owner.get("/api/v1/refunds?status=PENDING_MERCHANT").json()).hasSize(1);
        assertThat(otherOwner.get("/api/v1/refunds").json()).isEmpty();
        assertThat(operator.get("/api/v1/refunds?status=PENDING_MERCHANT").status()).isEqualTo(200);
        assertThat(regulator.get("/api/v1/refunds").status()).isEqualTo(200);
        assertThat(bank.get("/api/v1/refunds").status()).isEqualTo(403);
        assertThat(insurer.get("/api/v1/refunds").status()).isEqualTo(403);
        assertThat(operator.get("/api/v1/refunds?status=WHATEVER").status()).isEqualTo(400);

        String decision = one + "/decision";
        Map<String, Object> uphold = Map.of("uphold", true, "reason", "fair");
        assertThat(operator.post(decision, uphold, key()).code()).isEqualTo("refund-not-disputed");
        assertThat(owner.post(decision, uphold, key()).status()).isEqualTo(403);
        assertThat(holderApi.post(decision, uphold, key()).status()).isEqualTo(403);

        String contest = one + "/contest";
        Map<String, Object> why = Map.of("reason", "not agreed");
        assertThat(holderApi.post(contest, why).status()).isEqualTo(403);
        assertThat(operator.post(contest, why).status()).isEqualTo(403);
        assertThat(otherOwner.post(contest, why).status()).isEqualTo(404);
        assertThat(staff.post(contest, Map.of("reason", " ")).status()).isEqualTo(400);
        String contestKey = key();
        assertThat(staff.post(contest, why, contestKey).status()).isEqualTo(200);
        assertThat(staff.post(contest, why, contestKey).header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(owner.post(contest, why).code()).isEqualTo("refund-not-contestable");

        assertThat(owner.post(decision, uphold, key()).status()).isEqualTo(403);
        assertThat(operator.post(decision, Map.of("uphold", false), key()).status()).isEqualTo(400);
        assertThat(operator.post(decision, Map.of("uphold", false, "reason", "no"), null).code()).isEqualTo("idempotency-key-missing");
        assertThat(operator.post(decision, Map.of("uphold", false, "reason", "no"), key()).status()).isEqualTo(200);

        String retry = one + "/payment-retry";
        assertThat(holderApi.post(retry, null, key()).status()).isEqualTo(403);
        assertThat(owner.post(retry, null, key()).status()).isEqualTo(403);
        assertThat(operator.post(retry, null, key()).code()).isEqualTo("refund-payment-not-failed");
        assertThat(operator.post("/api/v1/refunds/" + UUID.randomUUID() + "/payment-retry", null, key()).status()).isEqualTo(404);
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }
}
