package org.fangxin.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End-to-end HTTP benchmark of the prepaid lifecycle against a running Fangxin with the demo data: purchase (order,
 * sandbox checkout, signed callback, card issued) and redemption (consumer's one-time code, staff redeem), at several
 * client counts, every POST with an Idempotency-Key. Run through {@code bench/lifecycle/run.sh}, which also measures
 * the PostgreSQL ceiling. Not a test: it never runs in the build.
 *
 * <p>Arguments: baseUrl durationSeconds clientCounts(comma-separated), e.g. {@code http://127.0.0.1:18090 10 1,8,32}.
 */
public final class LifecycleBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final int CARDS_PER_CLIENT_MAX = 40;
    private static final long OPERATIONS_MAX = 200_000;

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong mobiles = new AtomicLong(13_900_000_000L + (System.nanoTime() % 90_000_000L));

    private LifecycleBenchmark(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:18090";
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 10;
        int[] clientCounts = args.length > 2
                ? java.util.Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray() : new int[] {1, 8, 32};
        new LifecycleBenchmark(base).run(seconds * 1000, clientCounts);
    }

    private void run(long durationMillis, int[] clientCounts) throws Exception {
        String operator = login("operator", "fangxin-demo");
        String staff = login("gym-owner", "fangxin-demo");
        JsonNode product = sessionPack();
        String productId = product.get("id").asString();
        String versionId = product.get("currentVersionId").asString();
        String storeId = product.get("storeIds").get(0).asString();
        int clientsMax = java.util.Arrays.stream(clientCounts).max().orElse(1);
        List<String> consumers = new ArrayList<>();
        for (int i = 0; i < clientsMax; i++) {
            consumers.add(signUp(operator));
        }
        System.out.println(LoadRun.HEADER);
        List<ConcurrentLinkedQueue<String>> cardsOfClient = new ArrayList<>();
        for (int i = 0; i < clientsMax; i++) {
            cardsOfClient.add(new ConcurrentLinkedQueue<>());
        }
        for (int clients : clientCounts) {
            List<HttpClient> browsers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                browsers.add(HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build());
            }
            AtomicLong perClientLimit = new AtomicLong(CARDS_PER_CLIENT_MAX);
            LoadRun.Result purchases = LoadRun.run("purchase (order + checkout + signed callback)", clients, durationMillis,
                    (long) clients * perClientLimit.get(), client -> () -> {
                        String purchaseId = buy(consumers.get(client), browsers.get(client), productId, storeId, versionId);
                        return purchaseId != null && cardsOfClient.get(client).add(purchaseId);
                    });
            System.out.println(purchases.row());
        }
        List<ConcurrentLinkedQueue<String[]>> sessions = awaitCards(consumers, cardsOfClient);
        for (int clients : clientCounts) {
            LoadRun.Result redemptions = LoadRun.run("redemption (code + redeem)", clients, durationMillis, OPERATIONS_MAX,
                    client -> () -> redeem(consumers.get(client), staff, storeId, sessions.get(client)));
            System.out.println(redemptions.row());
        }
    }

    /** Buys one card and pays it in the sandbox checkout; the card is issued asynchronously on the callback. */
    private String buy(String consumer, HttpClient browser, String productId, String storeId, String versionId)
            throws IOException, InterruptedException {
        JsonNode purchase = post(consumer, "/api/v1/purchases", Map.of("productId", productId, "storeId", storeId,
                "contractVersionId", versionId, "acceptContract", true), 201);
        if (purchase == null) {
            return null;
        }
        String checkout = purchase.get("checkoutUrl").asString();
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(base + checkout)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(page.body());
        if (page.statusCode() != 200 || !csrf.find()) {
            return null;
        }
        String providerOrderId = checkout.substring(checkout.lastIndexOf('/') + 1);
        HttpResponse<String> paid = browser.send(HttpRequest.newBuilder(URI.create(base + "/public/sandbox-pay/" + providerOrderId + "/pay"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf.group(1))).build(), HttpResponse.BodyHandlers.ofString());
        return paid.statusCode() < 400 ? purchase.get("id").asString() : null;
    }

    /** Waits (bounded) until every paid purchase has its card; returns each client's cards, one entry per session. */
    private List<ConcurrentLinkedQueue<String[]>> awaitCards(List<String> consumers, List<ConcurrentLinkedQueue<String>> purchases)
            throws Exception {
        List<ConcurrentLinkedQueue<String[]>> sessions = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        int issued = 0;
        int paid = 0;
        for (int client = 0; client < consumers.size(); client++) {
            ConcurrentLinkedQueue<String[]> queue = new ConcurrentLinkedQueue<>();
            for (String purchaseId : purchases.get(client)) {
                paid++;
                while (System.nanoTime() < deadline) {
                    JsonNode purchase = get(consumers.get(client), "/api/v1/purchases/" + purchaseId);
                    JsonNode card = purchase == null ? null : purchase.get("cardId");
                    if (card != null && !card.isNull()) {
                        issued++;
                        for (int s = 0; s < 60; s++) {
                            queue.add(new String[] {card.asString()});
                        }
                        break;
                    }
                    Thread.sleep(50);
                }
            }
            sessions.add(queue);
        }
        System.out.printf("%n%d of %d paid purchases issued a card%n%n", issued, paid);
        return sessions;
    }

    private boolean redeem(String consumer, String staff, String storeId, ConcurrentLinkedQueue<String[]> sessions)
            throws IOException, InterruptedException {
        String[] session = sessions.poll();
        if (session == null) {
            return false;
        }
        JsonNode code = post(consumer, "/api/v1/cards/" + session[0] + "/redemption-codes", null, 201);
        if (code == null) {
            return false;
        }
        return post(staff, "/api/v1/redemptions", Map.of("code", code.get("code").asString(), "storeId", storeId, "sessions", 1), 201) != null;
    }

    private JsonNode sessionPack() throws IOException, InterruptedException {
        JsonNode products = get(null, "/api/v1/public/products");
        for (JsonNode product : products) {
            JsonNode sessions = product.get("sessions");
            if ("SESSION_PACK".equals(product.get("kind").asString()) && sessions != null && !sessions.isNull()
                    && sessions.asInt() == 60) {
                return product;
            }
        }
        throw new IllegalStateException("the demo 60-session pack is missing: start the service with the demo profile");
    }

    private String signUp(String operator) throws IOException, InterruptedException {
        String mobile = String.valueOf(mobiles.incrementAndGet());
        post(null, "/api/v1/auth/otp", Map.of("mobile", mobile), 202);
        JsonNode outbox = get(operator, "/api/v1/identity/sms-outbox?mobile=" + mobile + "&limit=1");
        Matcher code = Pattern.compile("(\\d{6})").matcher(outbox.get(0).get("body").asString());
        if (!code.find()) {
            throw new IllegalStateException("no code in the SMS outbox for " + mobile);
        }
        return post(null, "/api/v1/auth/otp/verify", Map.of("mobile", mobile, "code", code.group(1), "consent", true), 200).get("accessToken").asString();
    }

    private String login(String username, String password) throws IOException, InterruptedException {
        return post(null, "/api/v1/auth/token", Map.of("username", username, "password", password), 200).get("accessToken").asString();
    }

    private JsonNode get(String token, String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    private JsonNode post(String token, String path, Object body, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            return null;
        }
        return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
    }
}
