package org.fangxin.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestUsers;
import org.junit.jupiter.api.Test;

class PasswordLockoutTests extends IntegrationTest {

    @Test
    void locksAUsernameForFifteenMinutesAfterTenFailures() {
        UserAccount consumer = users.create(Role.CONSUMER);
        for (int i = 0; i < 10; i++) {
            var wrong = api().post("/api/v1/auth/token", Map.of("username", consumer.username(), "password", "wrong-password"));
            assertThat(wrong.status()).isEqualTo(401);
        }
        var locked = api().post("/api/v1/auth/token", Map.of("username", consumer.username(), "password", TestUsers.PASSWORD));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.code()).isEqualTo("login-locked");

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        var after = api().post("/api/v1/auth/token", Map.of("username", consumer.username(), "password", TestUsers.PASSWORD));
        assertThat(after.status()).isEqualTo(200);
    }

    @Test
    void aSuccessfulLoginClearsEarlierFailures() {
        UserAccount consumer = users.create(Role.CONSUMER);
        for (int i = 0; i < 9; i++) {
            api().post("/api/v1/auth/token", Map.of("username", consumer.username(), "password", "wrong-password"));
        }
        assertThat(api().post("/api/v1/auth/token", Map.of("username", consumer.username(), "password", TestUsers.PASSWORD)).status()).isEqualTo(200);
        for (int i = 0; i < 9; i++) {
            api().post("/api/v1/auth/token", Map.of("username", consumer.username(), "password", "wrong-password"));
        }
        assertThat(api().post("/api/v1/auth/token", Map.of("username", consumer.username(), "password", TestUsers.PASSWORD)).status()).isEqualTo(200);
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        UserAccount consumer = users.create(Role.CONSUMER);
        for (int i = 0; i < 9; i++) {
            api().post("/api/v1/auth/token", Map.of("username", consumer.username(), "password", "wrong-password"));
        }
        clock.advance(Duration.ofMinutes(16));
        api().post("/api/v1/auth/token", Map.of("username", consumer.username(), "password", "wrong-password"));
        assertThat(api().post("/api/v1/auth/token", Map.of("username", consumer.username(), "password", TestUsers.PASSWORD)).status()).isEqualTo(200);
    }
}
