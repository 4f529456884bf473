package org.fangxin.shared.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * Issue #14 item 3: outside the demo and test profiles the service refuses to start with a missing or published
 * secret (before: the identity HMAC key and the sandbox payment secret silently fell back to values printed in the
 * repository), and a sandbox is on only when switched on.
 */
class DevelopmentDefaultsTests {

    private static final String OWN_KEY = "k7Q2m9ZrX4pL8vN1sT6wY3bC5dF0gH2jK4";

    @Test
    void refusesToStartWithoutSecretsOutsideTheDemoProfile() {
        assertThatThrownBy(() -> DevelopmentDefaults.check(new MockEnvironment()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("FANGXIN_IDENTITY_HMAC_KEY is not set")
                .hasMessageContaining("FANGXIN_CARD_TOKEN_KEY is not set")
                .hasMessageNotContaining("FANGXIN_PAYMENT_SANDBOX_SECRET");
    }

    @Test
    void refusesThePublishedDevelopmentValuesAndShortKeys() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("fangxin.identity.hmac-key", "fangxin-dev-only-hmac-key-change-me")
                .withProperty("fangxin.card.token-key", "short-key")
                .withProperty("fangxin.payment.sandbox.enabled", "true")
                .withProperty("fangxin.payment.sandbox.secret", "fangxin-sandbox-shared-secret-change-me");

        assertThatThrownBy(() -> DevelopmentDefaults.check(environment))
                .hasMessageContaining("FANGXIN_IDENTITY_HMAC_KEY is a published development value")
                .hasMessageContaining("FANGXIN_CARD_TOKEN_KEY is shorter than 32 characters")
                .hasMessageContaining("FANGXIN_PAYMENT_SANDBOX_SECRET is a published development value");
    }

    @Test
    void startsWithSecretsOfItsOwnAndTheSandboxesOff() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("fangxin.identity.hmac-key", OWN_KEY)
                .withProperty("fangxin.card.token-key", OWN_KEY + "-card");

        assertThatCode(() -> DevelopmentDefaults.check(environment)).doesNotThrowAnyException();
        assertThat(DevelopmentDefaults.problems(environment)).isEmpty();
    }

    @Test
    void theDemoProfileStartsWithItsPublishedValues() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("fangxin.identity.hmac-key", "fangxin-demo-only-identity-hmac-key-not-secret");
        environment.setActiveProfiles("demo");

        assertThatCode(() -> DevelopmentDefaults.check(environment)).doesNotThrowAnyException();
    }
}
