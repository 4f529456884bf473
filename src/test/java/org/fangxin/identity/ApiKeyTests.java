package org.fangxin.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.fangxin.shared.AuditTrail;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ApiKeyTests extends IntegrationTest {

    @Autowired
    AuditTrail audit;

    @Test
    void anOperatorCreatesAKeyThatActsAsTheBankUserUntilRevoked() {
        UserAccount bank = users.create(Role.BANK);
        Api operator = api().as(users.create(Role.OPERATOR));
        var created = operator.post("/api/v1/identity/api-keys", Map.of("userId", bank.id().toString(), "label", "escrow statements"));
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().get("key").asString();
        String id = created.json().get("apiKey").get("id").asString();
        assertThat(key).startsWith("fxk_").hasSizeGreaterThan(40);
        assertThat(created.json().get("apiKey").get("prefix").asString()).isEqualTo(key.substring(0, 12));

        var me = RawHttp.get(port, "/api/v1/me", "Authorization", "ApiKey " + key);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"role\":\"BANK\"").contains(bank.username());
        assertThat(RawHttp.get(port, "/api/v1/me", "X-Api-Key", key).statusCode()).isEqualTo(200);

        var listed = operator.get("/api/v1/identity/api-keys");
        assertThat(listed.body()).contains(id).doesNotContain(key);
        assertThat(listed.json().findValues("id").stream().map(n -> n.asString())).contains(id);
        for (var node : listed.json()) {
            if (node.get("id").asString().equals(id)) {
                assertThat(node.get("lastUsedAt").isNull()).isFalse();
            }
        }

        var revoked = operator.post("/api/v1/identity/api-keys/" + id + "/revoke", null);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("revokedAt").isNull()).isFalse();
        assertThat(RawHttp.get(port, "/api/v1/me", "Authorization", "ApiKey " + key).statusCode()).isEqualTo(401);
        assertThat(operator.post("/api/v1/identity/api-keys/" + id + "/revoke", null).status()).isEqualTo(200);
        String revokeKey = "revoke-" + id;
        assertThat(operator.post("/api/v1/identity/api-keys/" + id + "/revoke", null, revokeKey).header("Idempotent-Replayed")).isEqualTo("false");
        assertThat(operator.post("/api/v1/identity/api-keys/" + id + "/revoke", null, revokeKey).header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(audit.history("api-key", id, 10)).extracting(AuditTrail.Entry::action)
                .contains("api-key.created", "api-key.revoked");
    }

    @Test
    void aKeyMayOnlyDoWhatItsRoleMay() {
        UserAccount insurer = users.create(Role.INSURER);
        var created = api().as(users.create(Role.OPERATOR))
                .post("/api/v1/identity/api-keys", Map.of("userId", insurer.id().toString(), "label", "claims"));
        String key = created.json().get("key").asString();
        assertThat(RawHttp.get(port, "/api/v1/me", "X-Api-Key", key).body()).contains("\"role\":\"INSURER\"");
        assertThat(RawHttp.get(port, "/api/v1/identity/sms-outbox", "X-Api-Key", key).statusCode()).isEqualTo(403);
        assertThat(RawHttp.get(port, "/api/v1/identity/api-keys", "X-Api-Key", key).statusCode()).isEqualTo(403);
        // A key is for the API only: pages ignore it and ask for a login.
        assertThat(RawHttp.get(port, "/home", "X-Api-Key", key).statusCode()).isEqualTo(302);
    }

    @Test
    void keysBelongOnlyToBankOrInsurerUsers() {
        Api operator = api().as(users.create(Role.OPERATOR));
        UserAccount consumer = users.create(Role.CONSUMER);
        var refused = operator.post("/api/v1/identity/api-keys", Map.of("userId", consumer.id().toString(), "label", "x"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("invalid-input");
        var unknown = operator.post("/api/v1/identity/api-keys", Map.of("userId", java.util.UUID.randomUUID().toString(), "label", "x"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(operator.post("/api/v1/identity/api-keys", Map.of("userId", users.create(Role.BANK).id().toString(), "label", "")).status())
                .isEqualTo(400);
    }

    @Test
    void unknownOrForgedKeysAreAnonymous() {
        assertThat(RawHttp.get(port, "/api/v1/me", "X-Api-Key", "fxk_forged").statusCode()).isEqualTo(401);
        assertThat(RawHttp.get(port, "/api/v1/me", "Authorization", "ApiKey nonsense").statusCode()).isEqualTo(401);
    }

    @Test
    void onlyOperatorsManageKeys() {
        UserAccount bank = users.create(Role.BANK);
        for (Role role : new Role[] {Role.BANK, Role.CONSUMER, Role.REGULATOR}) {
            Api caller = api().as(users.create(role));
            assertThat(caller.post("/api/v1/identity/api-keys", Map.of("userId", bank.id().toString(), "label", "x")).status())
                    .as(role.name()).isEqualTo(403);
            assertThat(caller.get("/api/v1/identity/api-keys").status()).as(role.name()).isEqualTo(403);
        }
    }

    @Test
    void recordsLastUseToTheMinute() {
        UserAccount bank = users.create(Role.BANK);
        Api operator = api().as(users.create(Role.OPERATOR));
        var created = operator.post("/api/v1/identity/api-keys", Map.of("userId", bank.id().toString(), "label", "last use"));
        String key = created.json().get("key").asString();
        String id = created.json().get("apiKey").get("id").asString();
        RawHttp.get(port, "/api/v1/me", "X-Api-Key", key);
        String first = lastUsed(operator, id);
        clock.advance(Duration.ofMinutes(2));
        RawHttp.get(port, "/api/v1/me", "X-Api-Key", key);
        assertThat(lastUsed(operator, id)).isNotEqualTo(first);
    }

    private static String lastUsed(Api operator, String id) {
        for (var node : operator.get("/api/v1/identity/api-keys").json()) {
            if (node.get("id").asString().equals(id)) {
                return node.get("lastUsedAt").asString();
            }
        }
        throw new AssertionError("key not listed");
    }
}
