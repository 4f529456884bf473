package org.fangxin.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

class PlatformUserTests extends IntegrationTest {

    private static Map<String, Object> user(String role, String sector) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", "platform-" + role.toLowerCase().replace('_', '-') + "-" + System.nanoTime());
        body.put("password", "platform-password-1");
        body.put("role", role);
        body.put("sector", sector);
        return body;
    }

    @Test
    void anOperatorCreatesEveryPlatformRole() {
        Api operator = api().as(users.create(Role.OPERATOR));
        for (String role : new String[] {"BANK", "INSURER", "REGULATOR", "ASSOCIATION", "OPERATOR"}) {
            var created = operator.post("/api/v1/identity/users", user(role, null));
            assertThat(created.status()).as(role).isEqualTo(201);
            assertThat(created.json().get("role").asString()).isEqualTo(role);
        }
        var education = operator.post("/api/v1/identity/users", user("REGULATOR", "EDUCATION"));
        assertThat(education.status()).isEqualTo(201);
        var login = api().as(education.json().get("username").asString(), "platform-password-1").get("/api/v1/me");
        assertThat(login.json().get("sector").asString()).isEqualTo("EDUCATION");
        assertThat(operator.get("/api/v1/identity/users?role=REGULATOR").body()).contains(education.json().get("id").asString());
    }

    @Test
    void refusesMerchantAndConsumerRolesAndStraySectors() {
        Api operator = api().as(users.create(Role.OPERATOR));
        for (String role : new String[] {"CONSUMER", "MERCHANT_OWNER", "MERCHANT_STAFF"}) {
            assertThat(operator.post("/api/v1/identity/users", user(role, null)).status()).as(role).isEqualTo(400);
        }
        assertThat(operator.post("/api/v1/identity/users", user("BANK", "EDUCATION")).status()).isEqualTo(400);
        assertThat(operator.post("/api/v1/identity/users", user("REGULATOR", "FISHING")).status()).isEqualTo(400);
        assertThat(operator.post("/api/v1/identity/users", user("KING", null)).status()).isEqualTo(400);
    }

    @Test
    void onlyOperatorsCreatePlatformUsers() {
        for (Role role : new Role[] {Role.BANK, Role.REGULATOR, Role.CONSUMER}) {
            assertThat(api().as(users.create(role)).post("/api/v1/identity/users", user("BANK", null)).status()).as(role.name()).isEqualTo(403);
        }
        assertThat(api().post("/api/v1/identity/users", user("BANK", null)).status()).isEqualTo(401);
    }
}
