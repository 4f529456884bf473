package org.fangxin.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.fangxin.testing.Api;
import org.fangxin.testing.FormSession;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

class MerchantStaffTests extends IntegrationTest {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    static String staffName() {
        return "staff-" + SEQUENCE.incrementAndGet();
    }

    @Test
    void anOwnerCreatesListsAndDisablesItsOwnStaff() {
        UUID merchant = UUID.randomUUID();
        Api owner = api().as(users.merchantOwner(merchant));
        String username = staffName();
        var created = owner.post("/api/v1/merchant-staff", Map.of("username", username, "password", "staff-password-1", "displayName", "店员小王"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("role").asString()).isEqualTo("MERCHANT_STAFF");
        assertThat(created.json().get("merchantId").asString()).isEqualTo(merchant.toString());
        assertThat(created.body()).doesNotContain("staff-password-1");
        String id = created.json().get("id").asString();

        Api staff = api().as(username, "staff-password-1");
        assertThat(staff.get("/api/v1/me").json().get("merchantId").asString()).isEqualTo(merchant.toString());
        assertThat(owner.get("/api/v1/merchant-staff").json().findValues("username").stream().map(n -> n.asString()))
                .containsExactly(username);

        var disabled = owner.post("/api/v1/merchant-staff/" + id + "/disable", null);
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
        assertThat(staff.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(api().post("/api/v1/auth/token", Map.of("username", username, "password", "staff-password-1")).status()).isEqualTo(401);

        assertThat(owner.post("/api/v1/merchant-staff/" + id + "/enable", null).json().get("enabled").asBoolean()).isTrue();
        assertThat(api().post("/api/v1/auth/token", Map.of("username", username, "password", "staff-password-1")).status()).isEqualTo(200);
    }

    @Test
    void disablingRetriedWithItsKeyAnswersTheFirstDisabling() {
        Api owner = api().as(users.merchantOwner(UUID.randomUUID()));
        String id = owner.post("/api/v1/merchant-staff", Map.of("username", staffName(), "password", "staff-password-1"))
                .json().get("id").asString();
        String key = "disable-" + UUID.randomUUID();

        var first = owner.post("/api/v1/merchant-staff/" + id + "/disable", null, key);
        var retry = owner.post("/api/v1/merchant-staff/" + id + "/disable", null, key);

        assertThat(first.json().get("enabled").asBoolean()).isFalse();
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(owner.post("/api/v1/merchant-staff/" + id + "/enable", null, key).code()).isEqualTo("idempotency-key-reused");
    }

    @Test
    void anotherMerchantsStaffIsNotFound() {
        Api ownerA = api().as(users.merchantOwner(UUID.randomUUID()));
        UUID merchantB = UUID.randomUUID();
        Api ownerB = api().as(users.merchantOwner(merchantB));
        String staffB = ownerB.post("/api/v1/merchant-staff", Map.of("username", staffName(), "password", "staff-password-1"))
                .json().get("id").asString();

        assertThat(ownerA.get("/api/v1/merchant-staff").body()).doesNotContain(staffB);
        var disable = ownerA.post("/api/v1/merchant-staff/" + staffB + "/disable", null);
        assertThat(disable.status()).isEqualTo(404);
        assertThat(disable.code()).isEqualTo("not-found");
        assertThat(ownerA.post("/api/v1/merchant-staff/" + UUID.randomUUID() + "/disable", null).status()).isEqualTo(404);
        // The owner of B is not staff either: an owner cannot be disabled through this endpoint.
        String ownerBId = ownerB.get("/api/v1/me").json().get("userId").asString();
        assertThat(ownerB.post("/api/v1/merchant-staff/" + ownerBId + "/disable", null).status()).isEqualTo(404);
        assertThat(ownerB.get("/api/v1/merchant-staff").json().get(0).get("enabled").asBoolean()).isTrue();
    }

    @Test
    void staffAndOtherRolesMayNotManageStaff() {
        UUID merchant = UUID.randomUUID();
        Api owner = api().as(users.merchantOwner(merchant));
        String staffId = owner.post("/api/v1/merchant-staff", Map.of("username", staffName(), "password", "staff-password-1"))
                .json().get("id").asString();
        Api staff = api().as(users.create(Role.MERCHANT_STAFF, merchant, null));
        assertThat(staff.get("/api/v1/merchant-staff").status()).isEqualTo(403);
        assertThat(staff.post("/api/v1/merchant-staff", Map.of("username", staffName(), "password", "staff-password-1")).status()).isEqualTo(403);
        assertThat(staff.post("/api/v1/merchant-staff/" + staffId + "/disable", null).status()).isEqualTo(403);
        for (Role role : new Role[] {Role.OPERATOR, Role.CONSUMER, Role.REGULATOR}) {
            assertThat(api().as(users.create(role)).post("/api/v1/merchant-staff/" + staffId + "/disable", null).status())
                    .as(role.name()).isEqualTo(403);
        }
    }

    @Test
    void rejectsBadStaffInputAndTakenUsernames() {
        Api owner = api().as(users.merchantOwner(UUID.randomUUID()));
        assertThat(owner.post("/api/v1/merchant-staff", Map.of("username", "X Y", "password", "staff-password-1")).status()).isEqualTo(400);
        assertThat(owner.post("/api/v1/merchant-staff", Map.of("username", staffName(), "password", "short")).status()).isEqualTo(400);
        String name = staffName();
        owner.post("/api/v1/merchant-staff", Map.of("username", name, "password", "staff-password-1"));
        var taken = owner.post("/api/v1/merchant-staff", Map.of("username", name, "password", "staff-password-1"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo("username-taken");
    }

    @Test
    void disablingEndsTheStaffsPageSession() {
        UUID merchant = UUID.randomUUID();
        Api owner = api().as(users.merchantOwner(merchant));
        String username = staffName();
        String id = owner.post("/api/v1/merchant-staff", Map.of("username", username, "password", "staff-password-1"))
                .json().get("id").asString();
        FormSession session = FormSession.loggedIn(port, username, "staff-password-1");
        assertThat(session.get("/home").statusCode()).isEqualTo(200);
        owner.post("/api/v1/merchant-staff/" + id + "/disable", null);
        var after = session.get("/home");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElse("")).endsWith("/login");
    }
}
