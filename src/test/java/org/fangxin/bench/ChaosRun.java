package org.fangxin.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client side of a chaos run ({@code bench/chaos/run.sh}, by hand, never in the build): consumers with a card each
 * redeem sessions and place purchase orders in a burst, every POST with an Idempotency-Key, while the script kills the
 * service ({@code kill -9}), restarts PostgreSQL or takes it away for a while. A request without an answer (connection
 * refused or reset, 5xx, 503) is retried with its key until it gets one. Afterwards: each card's sessions used equal
 * the redemptions acknowledged (none lost, none twice), each purchase key names one order, and the ledger invariants.
 *
 * <p>Arguments: baseUrls (comma-separated: several instances of one service) burstSeconds clients markerFile. Client
 * {@code i} starts on instance {@code i mod n} and moves to the next one when its instance does not answer. It writes
 * "burst" to the marker file when the burst starts.
 */
public final class ChaosRun {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final Duration RETRY_FOR = Duration.ofMinutes(5);

    record Answer(int status, JsonNode body) { }

    private final List<String> bases;
    private final ThreadLocal<Integer> instance = ThreadLocal.withInitial(() -> 0);
    private final AtomicInteger serverErrors = new AtomicInteger();
    /** Of the 5xx answers, those that were 503 (database unavailable, with Retry-After): the others are 500s. */
    private final AtomicInteger unavailable = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final AtomicLong mobiles = new AtomicLong(13_600_000_000L + (System.nanoTime() / 1000 % 90_000_000L));
    private final AtomicInteger retried = new AtomicInteger();

    private ChaosRun(String bases) {
        this.bases = List.of(bases.split(","));
    }

    private String base() {
        return bases.get(instance.get() % bases.size());
    }

    public static void main(String[] args) throws Exception {
        ChaosRun run = new ChaosRun(args[0]);
        boolean clean = run.run(Long.parseLong(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
        System.exit(clean ? 0 : 1);
    }

    private boolean run(long burstSeconds, int clients, Path marker) throws Exception {
        String operator = token("operator");
        String staff = token("gym-owner");
        JsonNode pack = sessionPack();
        String storeId = pack.get("storeIds").get(0).asString();
        List<String> consumers = new ArrayList<>();
        List<String> cards = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            consumers.add(signUp(operator));
            cards.add(buyAndPay(consumers.get(i), pack, storeId));
        }
        List<Integer> before = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            before.add(sessionsLeft(consumers.get(i), cards.get(i)));
        }
        List<Integer> acknowledged = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(clients, 0)));
        List<String[]> purchaseKeys = Collections.synchronizedList(new ArrayList<>());
        Files.writeString(marker, "burst\n");
        long end = System.nanoTime() + Duration.ofSeconds(burstSeconds).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int client = i;
            Thread thread = new Thread(() -> {
                instance.set(client);
                burst(client, end, consumers.get(client), staff, cards.get(client), storeId, pack,
                    acknowledged, purchaseKeys);
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.println();
        return report(clients, consumers, cards, before, acknowledged, purchaseKeys, operator, purchaseBody(pack, storeId));
    }

    private void burst(int client, long end, String consumer, String staff, String card, String storeId, JsonNode pack,
                       List<Integer> acknowledged, List<String[]> purchaseKeys) {
        int step = 0;
        while (System.nanoTime() < end) {
            if (step++ % 5 == 4) {
                String key = UUID.randomUUID().toString();
                Answer order = send("POST", consumer, "/api/v1/purchases", purchaseBody(pack, storeId), key);
                if (order.status() == 201) {
                    purchaseKeys.add(new String[] {consumer, key, order.body().get("id").asString()});
                }
                continue;
            }
            Answer code = send("POST", consumer, "/api/v1/cards/" + card + "/redemption-codes", null, UUID.randomUUID().toString());
            if (code.status() != 201) {
                continue;
            }
            Answer redeemed = send("POST", staff, "/api/v1/redemptions",
                    Map.of("code", code.body().get("code").asString(), "storeId", storeId, "sessions", 1), UUID.randomUUID().toString());
            if (redeemed.status() == 201) {
                acknowledged.set(client, acknowledged.get(client) + 1);
            }
        }
    }

    private boolean report(int clients, List<String> consumers, List<String> cards, List<Integer> before,
                           List<Integer> acknowledged, List<String[]> purchaseKeys, String operator, Map<String, Object> order) {
        int lost = 0;
        int doubled = 0;
        int redemptions = 0;
        for (int i = 0; i < clients; i++) {
            int used = before.get(i) - sessionsLeft(consumers.get(i), cards.get(i));
            redemptions += acknowledged.get(i);
            lost += Math.max(0, acknowledged.get(i) - used);
            doubled += Math.max(0, used - acknowledged.get(i));
        }
        int purchasesTwice = 0;
        for (String[] purchase : purchaseKeys) {
            Answer replay = send("POST", purchase[0], "/api/v1/purchases", order, purchase[1]);
            boolean same = replay.body() != null && replay.body().has("id") && purchase[2].equals(replay.body().get("id").asString());
            purchasesTwice += same ? 0 : 1;
        }
        Answer invariants = send("GET", operator, "/api/v1/ledger/invariants", null, null);
        boolean holds = invariants.status() == 200 && invariants.body().get("holds").asBoolean();
        System.out.println("| redemptions acknowledged | applied exactly once | lost | applied twice | purchase orders | "
                + "replayed to the same order | requests retried | 5xx answers (of them 503) | ledger invariants |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        System.out.printf("| %d | %d | %d | %d | %d | %d | %d | %d (%d) | %s |%n", redemptions, redemptions - lost, lost, doubled,
                purchaseKeys.size(), purchaseKeys.size() - purchasesTwice, retried.get(), serverErrors.get(), unavailable.get(),
                holds ? "hold" : "BROKEN");
        return lost == 0 && doubled == 0 && purchasesTwice == 0 && holds;
    }

    private int sessionsLeft(String consumer, String card) {
        return send("GET", consumer, "/api/v1/cards/" + card, null, null).body().get("sessionsRemaining").asInt();
    }

    private static Map<String, Object> purchaseBody(JsonNode pack, String storeId) {
        return Map.of("productId", pack.get("id").asString(), "storeId", storeId,
                "contractVersionId", pack.get("currentVersionId").asString(), "acceptContract", true);
    }

    /** One card per consumer, paid in the sandbox checkout; waits for the card the callback issues. */
    private String buyAndPay(String consumer, JsonNode pack, String storeId) throws Exception {
        JsonNode purchase = send("POST", consumer, "/api/v1/purchases", purchaseBody(pack, storeId), UUID.randomUUID().toString()).body();
        String checkout = purchase.get("checkoutUrl").asString();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String page = browser.send(HttpRequest.newBuilder(URI.create(base() + checkout)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF.matcher(page);
        if (!csrf.find()) {
            throw new IllegalStateException("no sandbox checkout page: start the service with the demo profile");
        }
        String providerOrderId = checkout.substring(checkout.lastIndexOf('/') + 1);
        browser.send(HttpRequest.newBuilder(URI.create(base() + "/public/sandbox-pay/" + providerOrderId + "/pay"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf.group(1))).build(), HttpResponse.BodyHandlers.ofString());
        for (int i = 0; i < 600; i++) {
            JsonNode card = send("GET", consumer, "/api/v1/purchases/" + purchase.get("id").asString(), null, null).body().get("cardId");
            if (card != null && !card.isNull()) {
                return card.asString();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the paid purchase issued no card");
    }

    private JsonNode sessionPack() {
        for (JsonNode product : send("GET", null, "/api/v1/public/products", null, null).body()) {
            JsonNode sessions = product.get("sessions");
            if ("SESSION_PACK".equals(product.get("kind").asString()) && sessions != null && !sessions.isNull() && sessions.asInt() == 60) {
                return product;
            }
        }
        throw new IllegalStateException("the demo 60-session pack is missing: start the service with the demo profile");
    }

    private String signUp(String operator) {
        String mobile = String.valueOf(mobiles.incrementAndGet());
        send("POST", null, "/api/v1/auth/otp", Map.of("mobile", mobile), null);
        JsonNode outbox = send("GET", operator, "/api/v1/identity/sms-outbox?limit=1&mobile=" + mobile, null, null).body();
        for (JsonNode message : outbox) {
            Matcher code = Pattern.compile("(\\d{6})").matcher(message.get("body").asString());
            if (code.find()) {
                return send("POST", null, "/api/v1/auth/otp/verify", Map.of("mobile", mobile, "code", code.group(1), "consent", true),
                        null).body().get("accessToken").asString();
            }
        }
        throw new IllegalStateException("no code in the SMS outbox for " + mobile);
    }

    private String token(String username) {
        return send("POST", null, "/api/v1/auth/token", Map.of("username", username, "password", "fangxin-demo"), null)
                .body().get("accessToken").asString();
    }

    /**
     * Sends until there is an answer that is not an outage (no connection, 5xx): the same key every time, so an
     * operation acknowledged before a crash is answered from its record and one that was lost is carried out once.
     */
    private Answer send(String method, String token, String path, Object body, String key) {
        long giveUp = System.nanoTime() + RETRY_FOR.toNanos();
        for (int attempt = 0; ; attempt++) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30))
                        .header("Accept", "application/json").header("Content-Type", "application/json")
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
                if (token != null) {
                    request.header("Authorization", "Bearer " + token);
                }
                if (key != null) {
                    request.header("Idempotency-Key", key);
                }
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() < 500) {
                    return new Answer(response.statusCode(), response.body().isBlank() ? null : JSON.readTree(response.body()));
                }
                serverErrors.incrementAndGet();
                if (response.statusCode() == 503) {
                    unavailable.incrementAndGet();
                } else {
                    System.err.println("5xx " + response.statusCode() + " " + method + " " + path + ": " + response.body());
                }
            } catch (java.io.IOException e) {
                instance.set(instance.get() + 1);  // the instance is down or restarting: the next one, or it again later
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (attempt == 0) {
                retried.incrementAndGet();
            }
            if (System.nanoTime() > giveUp) {
                throw new IllegalStateException(method + " " + path + " got no answer for " + RETRY_FOR);
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
