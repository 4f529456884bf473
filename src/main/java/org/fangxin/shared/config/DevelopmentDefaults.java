package org.fangxin.shared.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Development secrets and sandboxes never reach production by accident. The published development values of the
 * secrets live only in the demo profile ({@code application-demo.properties}) and the tests' profile; every other
 * start must set each secret to a value of its own, at least {@value #SECRET_LENGTH_MIN} characters, not a published
 * one, or the service refuses to start and says which variable to set. Sandboxes (a payment provider and a custodian
 * bank that move no real money) are off unless switched on, and whenever one is on the log says so loudly.
 */
final class DevelopmentDefaults {

    static final int SECRET_LENGTH_MIN = 32;
    static final Set<String> RELAXED_PROFILES = Set.of("demo", "test");

    /** A secret the service needs: its property, the variable that sets it, and when it is needed at all. */
    record Secret(String property, String variable, String neededWhenTrue) { }

    /** A sandbox adapter: on when its property is true. */
    record Sandbox(String property, String variable, String what) { }

    static final List<Secret> SECRETS = List.of(
            new Secret("fangxin.identity.hmac-key", "FANGXIN_IDENTITY_HMAC_KEY", null),
            new Secret("fangxin.card.token-key", "FANGXIN_CARD_TOKEN_KEY", null),
            new Secret("fangxin.payment.sandbox.secret", "FANGXIN_PAYMENT_SANDBOX_SECRET", "fangxin.payment.sandbox.enabled"));

    static final List<Sandbox> SANDBOXES = List.of(
            new Sandbox("fangxin.payment.sandbox.enabled", "FANGXIN_PAYMENT_SANDBOX_ENABLED",
                    "sandbox payment provider: checkouts are simulated and paid by a click, no money is collected"),
            new Sandbox("fangxin.bank.sandbox.enabled", "FANGXIN_BANK_SANDBOX_ENABLED",
                    "sandbox custodian bank: payouts and statements are simulated, no money leaves escrow"));

    /** Values published in the repository (docs, old defaults, the demo profile): never secret. */
    static final Set<String> PUBLISHED = Set.of(
            "fangxin-dev-only-hmac-key-change-me",
            "fangxin-dev-only-card-token-key",
            "fangxin-sandbox-shared-secret-change-me",
            "fangxin-demo-only-identity-hmac-key-not-secret",
            "fangxin-demo-only-card-token-key-not-a-secret",
            "fangxin-demo-only-sandbox-callback-secret-public");

    private static final Logger log = LoggerFactory.getLogger(DevelopmentDefaults.class);

    private DevelopmentDefaults() {
    }

    /**
     * Checks the environment before any bean uses a secret; throws with every problem listed when the start must be
     * refused, logs a loud warning for each sandbox that is on.
     */
    static void check(Environment environment) {
        boolean relaxed = environment.acceptsProfiles(Profiles.of(RELAXED_PROFILES.toArray(String[]::new)));
        List<String> problems = relaxed ? List.of() : problems(environment);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start outside the demo profile with development settings:\n  - "
                    + String.join("\n  - ", problems)
                    + "\nSet each variable to a random value of your own (e.g. `openssl rand -base64 48`), or start with "
                    + "SPRING_PROFILES_ACTIVE=demo for a demonstration.");
        }
        warnAboutSandboxes(environment, relaxed);
    }

    static List<String> problems(Environment environment) {
        List<String> problems = new ArrayList<>();
        for (Secret secret : SECRETS) {
            if (secret.neededWhenTrue() != null && !environment.getProperty(secret.neededWhenTrue(), Boolean.class, false)) {
                continue;
            }
            String value = environment.getProperty(secret.property(), "");
            if (value.isBlank()) {
                problems.add(secret.variable() + " is not set");
            } else if (PUBLISHED.contains(value.trim())) {
                problems.add(secret.variable() + " is a published development value");
            } else if (value.length() < SECRET_LENGTH_MIN) {
                problems.add(secret.variable() + " is shorter than " + SECRET_LENGTH_MIN + " characters");
            }
        }
        return problems;
    }

    private static void warnAboutSandboxes(Environment environment, boolean relaxed) {
        List<String> on = SANDBOXES.stream()
                .filter(sandbox -> environment.getProperty(sandbox.property(), Boolean.class, false))
                .map(sandbox -> sandbox.what() + " (" + sandbox.variable() + "=true)")
                .toList();
        if (on.isEmpty()) {
            return;
        }
        String bar = "*".repeat(100);
        log.warn(bar);
        on.forEach(line -> log.warn("*** SANDBOX ON: {}", line));
        log.warn("*** {}", relaxed ? "profile " + Arrays.toString(environment.getActiveProfiles()) + ": for demonstrations and tests only"
                : "switched on explicitly OUTSIDE the demo profile: never point real consumers at this instance");
        log.warn(bar);
    }
}
