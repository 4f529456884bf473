package org.fangxin.payment.sandbox;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.fangxin.payment.domain.CallbackSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.task.TaskDecorator;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the sandbox gateway's signed notifications to the platform over HTTP, as a provider would: a few attempts
 * with short pauses on transport errors or 5xx, then it gives up (the platform's janitor queries lost ones). Sending
 * happens on a small bounded pool so the checkout page answers whether or not the callback succeeds.
 */
@ConditionalOnProperty(name = "fangxin.payment.sandbox.enabled", havingValue = "true")
@Component
class SandboxNotifier {

    static final String CALLBACK_PATH = "/api/v1/public/payments/callbacks/sandbox";
    static final int ATTEMPTS_MAX = 3;
    static final int QUEUE_SIZE_MAX = 1_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(SandboxNotifier.class);

    private final CallbackSignature signature;
    private final Clock clock;
    private final Environment environment;
    private final String callbackBaseUrl;
    private final JsonMapper json = JsonMapper.builder().build();
    private final SecureRandom random = new SecureRandom();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** None by default; the sharded profile's carries the caller's shard route to the sending thread (ADR 12 §8b). */
    private final TaskDecorator decorator;
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE_SIZE_MAX), runnable -> {
                Thread thread = new Thread(runnable, "sandbox-notifier");
                thread.setDaemon(true);
                return thread;
            });

    SandboxNotifier(@Value("${fangxin.payment.sandbox.secret:}") String secret,
                    @Value("${fangxin.payment.sandbox.callback-base-url:}") String callbackBaseUrl,
                    Clock clock, Environment environment, ObjectProvider<TaskDecorator> decorator) {
        this.signature = new CallbackSignature(secret);
        this.decorator = decorator.getIfUnique(() -> task -> task);
        this.callbackBaseUrl = callbackBaseUrl;
        this.clock = clock;
        this.environment = environment;
    }

    /** Queues a notification; the fields are read when it is sent, as the provider would. */
    void sendLater(Supplier<Map<String, String>> fields) {
        try {
            pool.execute(decorator.decorate(() -> sendNow(fields.get())));
        } catch (RejectedExecutionException e) {
            log.warn("sandbox notification dropped: queue full");
        }
    }

    /** Signs and posts one notification; answers the last HTTP status (0 when it never got an answer). */
    int sendNow(Map<String, String> fields) {
        String body = signedBody(fields);
        int status = 0;
        for (int attempt = 1; attempt <= ATTEMPTS_MAX; attempt++) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + CALLBACK_PATH))
                        .timeout(TIMEOUT).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status < 500) {
                    return status;
                }
            } catch (IOException e) {
                log.info("sandbox notification attempt {} failed: {}", attempt, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return status;
            }
            pause(attempt);
        }
        log.warn("sandbox notification for {} gave up after {} attempts", fields.get("providerOrderId"), ATTEMPTS_MAX);
        return status;
    }

    /** The JSON body: the fields plus timestamp (epoch seconds), a fresh nonce and the signature over them all. */
    String signedBody(Map<String, String> fields) {
        Map<String, String> signed = new LinkedHashMap<>(fields);
        signed.put(CallbackSignature.TIMESTAMP_FIELD, Long.toString(clock.instant().getEpochSecond()));
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        signed.put(CallbackSignature.NONCE_FIELD, HexFormat.of().formatHex(nonce));
        signed.put(CallbackSignature.SIGNATURE_FIELD, signature.sign(signed));
        return json.writeValueAsString(signed);
    }

    private String baseUrl() {
        if (!callbackBaseUrl.isBlank()) {
            return callbackBaseUrl;
        }
        // server.port may be 0 (random port in tests); the bound port is published as local.server.port
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return "http://127.0.0.1:" + port;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(200L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
