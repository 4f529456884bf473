package org.fangxin.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

class AuthenticationTests extends IntegrationTest {

    @Test
    void issuesABearerTokenForTheRightPassword() {
        UserAccount operator = users.create(Role.OPERATOR);
        var me = api().as(operator).get("/api/v1/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("role").asString()).isEqualTo("OPERATOR");
    }

    @Test
    void refusesAWrongPasswordWithAProblem() {
        UserAccount consumer = users.create(Role.CONSUMER);
        var response = api().post("/api/v1/auth/token", Map.of("username", consumer.username(), "password", "wrong-password"));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("invalid-credentials");
    }

    @Test
    void answersAnonymousApiCallsWith401Problem() {
        var response = api().get("/api/v1/me");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("unauthenticated");
        assertThat(api().withToken("fxt_forged").get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void answersMalformedJsonAndUnknownFieldsWith400() {
        assertThat(api().postRaw("/api/v1/auth/token", "{not json").status()).isEqualTo(400);
        var unknown = api().post("/api/v1/auth/token", Map.of("username", "a", "password", "b", "admin", true));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.code()).isEqualTo("invalid-input");
        var blank = api().post("/api/v1/auth/token", Map.of("username", "", "password", "b"));
        assertThat(blank.status()).isEqualTo(400);
    }
}
