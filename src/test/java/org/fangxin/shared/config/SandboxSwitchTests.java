package org.fangxin.shared.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.fangxin.FangxinApplication;
import org.fangxin.bank.BankPort;
import org.fangxin.payment.provider.PaymentProvider;
import org.fangxin.payment.sandbox.SandboxSettings;
import org.fangxin.shared.web.RawHttp;
import org.fangxin.testing.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue #14 item 3: started as in production (own secrets, no profile), the sandboxes are off. Before the fix the
 * sandbox provider was on in every profile and a callback signed with the secret printed in docs/payment.md issued
 * a card without any payment; now the sandbox's checkout page and callback endpoint do not exist, purchases meet a
 * provider that is not connected (424), and payouts a bank that is not connected.
 */
@Tag("application")
class SandboxSwitchTests {

    @Test
    void productionStartHasNoSandboxCheckoutCallbackOrBank() {
        Map<String, Object> properties = new HashMap<>();
        TestDatabase.register((name, value) -> properties.put(name, value.get()));
        properties.putAll(Map.of("server.port", "0", "fangxin.jobs.enabled", "false", "logging.structured.format.console", "",
                "spring.main.banner-mode", "off", "fangxin.identity.hmac-key", "k7Q2m9ZrX4pL8vN1sT6wY3bC5dF0gH2jK4-identity",
                "fangxin.card.token-key", "k7Q2m9ZrX4pL8vN1sT6wY3bC5dF0gH2jK4-card"));
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(FangxinApplication.class).run(arguments)) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            RawHttp http = new RawHttp(port);
            String forged = "{\"providerOrderId\":\"x\",\"merchantOrderNo\":\"00000000-0000-7000-8000-000000000000\","
                    + "\"tradeStatus\":\"PAID\",\"amountMinor\":\"100\",\"currency\":\"CNY\",\"timestamp\":\"1\",\"nonce\":\"n\","
                    + "\"signature\":\"" + SandboxSettings.DEMO_SECRET + "\"}";

            var callback = http.send("POST", "/api/v1/public/payments/callbacks/sandbox", forged.getBytes(),
                    Map.of("Content-Type", "application/json"));
            var checkout = http.get("/public/sandbox-pay/anything", Map.of("Accept", "application/json"));

            assertThat(callback.status()).as(callback.toString()).isEqualTo(404);
            assertThat(callback.isProblem()).isTrue();
            assertThat(checkout.status()).isEqualTo(404);
            assertThat(context.getBean(PaymentProvider.class).name()).isEqualTo("none");
            assertThat(context.getBean(BankPort.class).getClass().getSimpleName()).isEqualTo("NoBankConnected");
            assertThat(context.getEnvironment().getProperty("fangxin.payment.sandbox.enabled")).isEqualTo("false");
        }
    }
}
