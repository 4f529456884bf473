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
import org.fangxin.payment.domain.CallbackSignature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End-to-end HTTP benchmark of the prepaid lifecycle against a running Fangxin with the demo data: purchase (the
 * order, then the provider's signed callback, card issued; the issue's measure, without the sandbox checkout page) and redemption (consumer's one-time code, staff redeem), at several
 * client counts, every POST with an Idempotency-Key. Run through {@code bench/lifecycle/run.sh}, which also measures
 * the PostgreSQL ceiling. Not a test: it never runs in the build.
 *
 * <p>Arguments: baseUrl durationSeconds clientCounts(comma-separated) [merchants], e.g. {@code http://127.0.0.1:18090 10 1,8,32 100}:
 * with more than one merchant, purchases go round-robin over the demo gym and merchants onboarded over the API, and each
 * card is redeemed by its merchant's owner. The redeem-only step redeems codes issued just before it (the issue's
 * measure); the code + redeem step is the counter's whole operation; the floor step times an authenticated
 * {@code GET /api/v1/me} (token check and one read), what any call of this stack costs before it does any work. With {@code BENCH_APP_PID} set, each row also
 * shows the service's JVM CPU (user + system, from /proc) per completed operation, split by thread group (request
 * threads, JIT compilers, GC and VM threads, asynchronous event listeners, the rest). {@code BENCH_WARMUP_SECONDS} runs that many seconds of
 * unmeasured code + redeem operations (printed, marked as warm-up) before the first redemption step. With
 * {@code BENCH_DB_URL} each row also shows the CPU per operation of PostgreSQL serving the bench database, of this
 * client, of other databases on the shared cluster, the machine's busy CPU per operation and its idle share; the
 * sessions of the bench database by state and wait event follow the table ({@link MachineShare}).
 */
public final class LifecycleBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    /**
     * Purchases per client and second of a step, at most: a bound that grows with the step, so a fast step is measured
     * over its whole duration (a fixed 40 per client stopped the 8-client step after 4 s in session 10; 20 per second
     * stopped the 1-client step after 8 s in session 11).
     */
    private static final int CARDS_PER_CLIENT_SECOND_MAX = 50;
    private static final int CARDS_PER_CLIENT_MIN = 40;
    private static final long OPERATIONS_MAX = 200_000;
    private static final int CODES_PER_CLIENT_MAX = 400;
    /** The sandbox provider's signing secret: the demo profile's unless {@code BENCH_SANDBOX_SECRET} names another. */
    private static final CallbackSignature PROVIDER = new CallbackSignature(System.getenv().getOrDefault("BENCH_SANDBOX_SECRET",
            "fangxin-demo-only-sandbox-callback-secret-public"));
    /** {@code BENCH_CHECKOUT_PAGE=1}: also the old whole journey through the sandbox checkout page, as its own row. */
    private static final boolean CHECKOUT_PAGE_STEP = "1".equals(System.getenv("BENCH_CHECKOUT_PAGE"));
    /** {@code BENCH_PURCHASES_ONLY=1}: stop after the purchase steps (no redemption rows). */
    private static final boolean PURCHASES_ONLY = "1".equals(System.getenv("BENCH_PURCHASES_ONLY"));
    private static final String HEADER = LoadRun.HEADER.replace("max ms |\n",
            "max ms | JVM CPU ms/op | of which " + String.join(" / ", ProcessCpu.GROUPS)
            + " | PostgreSQL CPU ms/op | client CPU ms/op | other DBs CPU ms/op | machine busy ms/op | idle % |\n")
            + "---|---|---|---|---|---|---|";
    /** Unmeasured code + redeem operations before the first redemption step, so the JIT has compiled the path. */
    private static final long WARM_UP_SECONDS = Long.parseLong(System.getenv().getOrDefault("BENCH_WARMUP_SECONDS", "0"));
    /**
     * {@code BENCH_PURCHASE_WARMUP_SECONDS}: unmeasured purchases (8 clients, consumers of their own) before the first
     * purchase step, so a run without a 1-client step does not measure the JIT compiling the purchase path.
     */
    private static final long PURCHASE_WARM_UP_SECONDS = Long.parseLong(System.getenv().getOrDefault("BENCH_PURCHASE_WARMUP_SECONDS", "0"));
    /** The paced step follows the redeem step at this many clients and, unless forced, runs at half its rate. */
    private static final int PACED_AFTER_CLIENTS = 8;
    /** {@code BENCH_PACED_RATE=<n>/s} forces the paced step's rate; {@code BENCH_PACED_SENDERS} its sender threads. */
    private static final String PACED_RATE = System.getenv().getOrDefault("BENCH_PACED_RATE", "");
    private static final int PACED_SENDERS = Integer.parseInt(System.getenv().getOrDefault("BENCH_PACED_SENDERS", "64"));

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong mobiles = new AtomicLong(13_900_000_000L + (System.nanoTime() % 90_000_000L));
    private final ProcessCpu cpu = ProcessCpu.of(System.getenv("BENCH_APP_PID"));
    private final MachineShare machine = MachineShare.fromEnvironment();
    /** Each step's pg_stat_activity averages, printed after the table. */
    private final List<String> activity = new ArrayList<>();
    /** The redeem and purchase steps' top statements (where the cluster preloads pg_stat_statements), printed last. */
    private final List<String> statements = new ArrayList<>();
    private final BenchMerchants.Client client = new BenchMerchants.Client() {
        @Override
        public JsonNode post(String token, String path, Object body, int expected) throws Exception {
            return LifecycleBenchmark.this.post(token, path, body, expected);
        }

        @Override
        public JsonNode get(String token, String path) throws Exception {
            return LifecycleBenchmark.this.get(token, path);
        }
    };

    private LifecycleBenchmark(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:18090";
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 10;
        int[] clientCounts = args.length > 2
                ? java.util.Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray() : new int[] {1, 8, 32};
        int merchants = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        LifecycleBenchmark benchmark = new LifecycleBenchmark(base);
        try {
            benchmark.run(seconds * 1000, clientCounts, merchants);
        } finally {
            benchmark.printActivity();
        }
    }

    private void run(long durationMillis, int[] clientCounts, int merchantCount) throws Exception {
        String operator = login("operator", "fangxin-demo");
        List<BenchMerchants.Merchant> sellers = merchants(operator, merchantCount);
        int clientsMax = java.util.Arrays.stream(clientCounts).max().orElse(1);
        List<String> consumers = new ArrayList<>();
        for (int i = 0; i < clientsMax; i++) {
            consumers.add(signUp(operator));
        }
        System.out.printf("%d merchant(s); JVM CPU measured %s%n%n", sellers.size(), cpu.describe());
        System.out.println(HEADER);
        long cardsPerClient = Math.max(CARDS_PER_CLIENT_MIN, CARDS_PER_CLIENT_SECOND_MAX * durationMillis / 1000);
        List<ConcurrentLinkedQueue<String[]>> cardsOfClient = new ArrayList<>();
        for (int i = 0; i < clientsMax; i++) {
            cardsOfClient.add(new ConcurrentLinkedQueue<>());
        }
        if (PURCHASE_WARM_UP_SECONDS > 0) {
            warmUpPurchases(operator, sellers);
        }
        for (int clients : clientCounts) {
            List<HttpClient> browsers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                browsers.add(HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build());
            }
            AtomicLong bought = new AtomicLong();
            measured("purchase (order + signed callback)", clients, durationMillis, clients * cardsPerClient,
                    client -> () -> {
                        int m = (int) (bought.getAndIncrement() % sellers.size()); // spread over the merchants
                        String purchaseId = buySigned(consumers.get(client), sellers.get(m));
                        return purchaseId != null && cardsOfClient.get(client).add(new String[] {purchaseId, String.valueOf(m)});
                    });
            if (CHECKOUT_PAGE_STEP) {
                measured("purchase via checkout page (order + page + pay + callback)", clients, durationMillis,
                        clients * cardsPerClient, client -> () -> {
                            int m = (int) (bought.getAndIncrement() % sellers.size());
                            String purchaseId = buy(consumers.get(client), browsers.get(client), sellers.get(m));
                            return purchaseId != null && cardsOfClient.get(client).add(new String[] {purchaseId, String.valueOf(m)});
                        });
            }
        }
        List<ConcurrentLinkedQueue<String[]>> sessions = awaitCards(consumers, cardsOfClient);
        if (PURCHASES_ONLY) {
            return;
        }
        if (WARM_UP_SECONDS > 0) {
            int clients = Math.min(8, clientsMax);
            spread(sessions, clients);
            measured("warm-up, not a result (code + redeem, " + WARM_UP_SECONDS + " s)", clients, WARM_UP_SECONDS * 1000,
                    OPERATIONS_MAX, client -> () -> redeem(sellers, sessions.get(client)));
        }
        for (int clients : clientCounts) {
            // The floor: what this stack costs for an authenticated call that does next to no work (the staff's token
            // checked, one read, a small JSON answer), under the same client as the redemption steps.
            measured("floor: GET /api/v1/me (staff token, no write)", clients, durationMillis, OPERATIONS_MAX,
                    client -> () -> get(sellers.get(client % sellers.size()).ownerToken(), "/api/v1/me") != null);
            spread(sessions, clients);
            measured("redemption (code + redeem)", clients, durationMillis, OPERATIONS_MAX,
                    client -> () -> redeem(sellers, sessions.get(client)));
            spread(sessions, clients);
            // at most two thirds of the sessions left, so the paced step after it still has codes when few cards were bought
            long left = sessions.stream().mapToLong(ConcurrentLinkedQueue::size).sum();
            int perClient = (int) Math.min(CODES_PER_CLIENT_MAX, Math.max(1, left * 2 / 3 / clients));
            List<ConcurrentLinkedQueue<String[]>> codes = RedemptionCodes.issue(client, sessions, clients, perClient);
            LoadRun.Result redeems = measured("redeem (code issued beforehand)", clients, durationMillis, OPERATIONS_MAX,
                    client -> () -> redeemCode(sellers, codes.get(client)));
            if (clients == PACED_AFTER_CLIENTS) {
                pacedRedeem(sellers, sessions, redeems.perSecond() / 2, durationMillis);
            }
        }
    }

    /**
     * Issue 15's p99 "at half of that load": redeems of codes issued beforehand sent at a fixed rate (half the
     * closed-loop step's, or {@code BENCH_PACED_RATE}), latency from each one's due time ({@link PacedRun}).
     */
    private void pacedRedeem(List<BenchMerchants.Merchant> sellers, List<ConcurrentLinkedQueue<String[]>> sessions,
                             double halfRate, long durationMillis) throws InterruptedException {
        double rate = PACED_RATE.isBlank() ? halfRate : Double.parseDouble(PACED_RATE.replace("/s", "").trim());
        int issuers = Math.min(PACED_AFTER_CLIENTS, sessions.size());
        int perIssuer = (int) Math.ceil(rate * durationMillis / 1000 * 1.1 / issuers); // 10% more than the schedule sends
        spread(sessions, issuers);
        ConcurrentLinkedQueue<String[]> codes = RedemptionCodes.cardsInTurn(
                RedemptionCodes.issue(client, sessions, issuers, perIssuer));
        String name = String.format("redeem paced at %.0f/s (%s), code issued beforehand", rate,
                PACED_RATE.isBlank() ? "half the ×" + PACED_AFTER_CLIENTS + " step's" : "BENCH_PACED_RATE");
        measured(name, PACED_SENDERS, () -> PacedRun.run(name, rate, PACED_SENDERS, durationMillis, () -> redeemCode(sellers, codes)));
    }

    /**
     * Deals the cards left (all sessions of a card to one client, so no two clients redeem the same card) round-robin
     * over the step's clients, otherwise clients who bought nothing would only fail; a client asks for a card's code
     * with its holder's token, which each session entry carries.
     */
    private static void spread(List<ConcurrentLinkedQueue<String[]>> sessions, int clients) {
        Map<String, List<String[]>> byCard = new java.util.LinkedHashMap<>();
        for (ConcurrentLinkedQueue<String[]> queue : sessions) {
            for (String[] session; (session = queue.poll()) != null; ) {
                byCard.computeIfAbsent(session[0], card -> new ArrayList<>()).add(session);
            }
        }
        int next = 0;
        for (List<String[]> card : byCard.values()) {
            sessions.get(next++ % clients).addAll(card);
        }
    }

    /** Runs one closed-loop step and prints its row with the service's JVM CPU per completed operation. */
    private LoadRun.Result measured(String name, int clients, long durationMillis, long operationsMax,
                                    java.util.function.IntFunction<LoadRun.Operation> perClient) throws InterruptedException {
        return measured(name, clients, () -> LoadRun.run(name, clients, durationMillis, operationsMax, perClient));
    }

    private interface Step {
        LoadRun.Result run() throws InterruptedException;
    }

    private LoadRun.Result measured(String name, int clients, Step load) throws InterruptedException {
        Map<String, Long> groupsBefore = cpu.byGroup();
        long cpuBefore = cpu.millis();
        MachineShare.Step step = machine.start();
        System.err.printf("[step %s] %s ×%d starts%n", java.time.Instant.now(), name, clients); // to cut profiles by step
        LoadRun.Result result = load.run();
        long cpuUsed = cpu.millis() - cpuBefore;
        Map<String, Long> groupsAfter = cpu.byGroup();
        MachineShare.Share share = step.finish();
        System.err.printf("[step %s] %s ×%d ends%n", java.time.Instant.now(), name, clients);
        long operations = result.operations();
        activity.add(String.format("| %s | %d | %s | %s |", name, clients, share.activity(), share.countersPer(operations)));
        // a purchase sends ~45 statements: list them all, so a phase's statements can be summed
        List<String> top = share.topStatements(operations, name.startsWith("purchase") ? 60 : 15);
        if (!top.isEmpty() && (name.startsWith("redeem") || name.startsWith("purchase"))) {
            statements.add(String.format("%n%s ×%d, %d operations (pg_stat_statements, per operation):%n%n"
                    + "| level | calls | plan ms | execute ms | buffer hits | statement |%n|---|---|---|---|---|---|%n%s",
                    name, clients, operations, String.join(System.lineSeparator(), top)));
        }
        String shares = operations == 0 ? " — | — | — | — | — |" : String.format(" %.2f | %.2f | %.2f | %.2f | %.0f |",
                (double) share.postgresMillis() / operations, (double) share.clientMillis() / operations,
                (double) share.otherDatabasesMillis() / operations, (double) share.busyMillis() / operations,
                100 * share.idleShare());
        if (cpuUsed < 0 || operations == 0 || groupsAfter.isEmpty()) {
            System.out.println(result.row() + " — | — |" + shares);
            return result;
        }
        List<String> split = new ArrayList<>();
        for (String group : ProcessCpu.GROUPS) {
            long used = groupsAfter.getOrDefault(group, 0L) - groupsBefore.getOrDefault(group, 0L);
            split.add(String.format("%.2f", (double) used / operations));
        }
        System.out.println(result.row() + String.format(" %.2f | %s |", (double) cpuUsed / operations, String.join(" / ", split))
                + shares);
        return result;
    }

    /** The sessions of the bench database by state and, for the active ones, by wait event (CPU: none), averaged. */
    private void printActivity() {
        System.out.printf("%nSessions of the bench database (pg_stat_activity every %d ms, averages):%n%n", MachineShare.SAMPLE_MILLIS);
        System.out.println("| scenario | clients | sessions by state; active ones by wait event | PostgreSQL counters per operation |");
        System.out.println("|---|---|---|---|");
        activity.forEach(System.out::println);
        statements.forEach(System.out::println);
    }

    /** The demo gym first; with more than one, merchants onboarded over the API, each with its own 60-session pack. */
    private List<BenchMerchants.Merchant> merchants(String operator, int count) throws Exception {
        String owner = login("gym-owner", "fangxin-demo");
        JsonNode product = sessionPack();
        List<BenchMerchants.Merchant> sellers = new ArrayList<>();
        sellers.add(new BenchMerchants.Merchant(owner, product.get("storeIds").get(0).asString(), product.get("id").asString(),
                product.get("currentVersionId").asString()));
        long first = (System.currentTimeMillis() / 1000 % 1_000_000) * 1000;
        for (int i = 1; i < count; i++) {
            sellers.add(BenchMerchants.onboard(client, operator, first + i));
        }
        return sellers;
    }

    /** Buys one card and pays it in the sandbox checkout; the card is issued asynchronously on the callback. */
    private String buy(String consumer, HttpClient browser, BenchMerchants.Merchant seller)
            throws IOException, InterruptedException {
        JsonNode purchase = post(consumer, "/api/v1/purchases", Map.of("productId", seller.productId(), "storeId", seller.storeId(),
                "contractVersionId", seller.versionId(), "acceptContract", true), 201);
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

    /**
     * The issue's measure of a purchase: the order call, then the provider's signed PAID notification, as a real
     * provider's server sends it after the payer paid in its app (signed with the sandbox's secret, the demo's by
     * default; the sandbox's own checkout page and books are left out). The card is issued on the callback.
     */
    private String buySigned(String consumer, BenchMerchants.Merchant seller) throws IOException, InterruptedException {
        JsonNode purchase = post(consumer, "/api/v1/purchases", Map.of("productId", seller.productId(), "storeId", seller.storeId(),
                "contractVersionId", seller.versionId(), "acceptContract", true), 201);
        if (purchase == null || purchase.get("checkoutUrl").isNull()) {
            return null;
        }
        String checkout = purchase.get("checkoutUrl").asString();
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("providerOrderId", checkout.substring(checkout.lastIndexOf('/') + 1));
        fields.put("merchantOrderNo", purchase.get("paymentOrderId").asString());
        fields.put("tradeStatus", "PAID");
        fields.put("amountMinor", purchase.get("amount").get("amountMinor").asString());
        fields.put("currency", purchase.get("amount").get("currency").asString());
        fields.put("paidAt", java.time.Instant.now().toString());
        fields.put(CallbackSignature.TIMESTAMP_FIELD, Long.toString(java.time.Instant.now().getEpochSecond()));
        fields.put(CallbackSignature.NONCE_FIELD, UUID.randomUUID().toString().replace("-", ""));
        fields.put(CallbackSignature.SIGNATURE_FIELD, PROVIDER.sign(fields));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/public/payments/callbacks/sandbox"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(fields)))
                .build(), HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 200 && answer.body().contains("\"ACCEPTED\"") ? purchase.get("id").asString() : null;
    }

    private void warmUpPurchases(String operator, List<BenchMerchants.Merchant> sellers) throws Exception {
        int clients = 8;
        List<String> buyers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            buyers.add(signUp(operator));
        }
        AtomicLong bought = new AtomicLong();
        measured("warm-up, not a result (purchases, " + PURCHASE_WARM_UP_SECONDS + " s)", clients,
                PURCHASE_WARM_UP_SECONDS * 1000, clients * (long) CARDS_PER_CLIENT_SECOND_MAX * PURCHASE_WARM_UP_SECONDS,
                client -> () -> buySigned(buyers.get(client), sellers.get((int) (bought.getAndIncrement() % sellers.size()))) != null);
    }

    /** Waits (bounded) until every paid purchase has its card; returns each client's cards, one entry per session. */
    private List<ConcurrentLinkedQueue<String[]>> awaitCards(List<String> consumers, List<ConcurrentLinkedQueue<String[]>> purchases)
            throws Exception {
        List<ConcurrentLinkedQueue<String[]>> sessions = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        int issued = 0;
        int paid = 0;
        for (int client = 0; client < consumers.size(); client++) {
            ConcurrentLinkedQueue<String[]> queue = new ConcurrentLinkedQueue<>();
            for (String[] bought : purchases.get(client)) {
                paid++;
                while (System.nanoTime() < deadline) {
                    JsonNode purchase = get(consumers.get(client), "/api/v1/purchases/" + bought[0]);
                    JsonNode card = purchase == null ? null : purchase.get("cardId");
                    if (card != null && !card.isNull()) {
                        issued++;
                        for (int s = 0; s < 60; s++) {
                            queue.add(new String[] {card.asString(), bought[1], consumers.get(client)});
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

    private boolean redeem(List<BenchMerchants.Merchant> sellers, ConcurrentLinkedQueue<String[]> sessions)
            throws IOException, InterruptedException {
        String[] session = sessions.poll();
        if (session == null) {
            throw new LoadRun.Exhausted();
        }
        JsonNode code = post(session[2], "/api/v1/cards/" + session[0] + "/redemption-codes", null, 201);
        return code != null && redeemCode(sellers, new String[] {code.get("code").asString(), session[1]});
    }

    /** The staff's call: the card's merchant (its owner) redeems one session with the code at its store. */
    private boolean redeemCode(List<BenchMerchants.Merchant> sellers, String[] code) throws IOException, InterruptedException {
        if (code == null) {
            return false;
        }
        BenchMerchants.Merchant seller = sellers.get(Integer.parseInt(code[1]));
        return post(seller.ownerToken(), "/api/v1/redemptions", Map.of("code", code[0], "storeId", seller.storeId(), "sessions", 1), 201) != null;
    }

    private boolean redeemCode(List<BenchMerchants.Merchant> sellers, ConcurrentLinkedQueue<String[]> codes)
            throws IOException, InterruptedException {
        String[] code = codes.poll();
        if (code == null) {
            throw new LoadRun.Exhausted();
        }
        return redeemCode(sellers, code);
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
