package org.fangxin.bench;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Uploads an N-line CSV statement (default layout) to a running Fangxin and reports the time the service took to
 * parse, match and store it. Line n mirrors the seeded ledger movement {@code bench:n} (bench/reconciliation/
 * seed-movements.sql), with faults: every 100th line (n ≡ 7) missing, (n ≡ 11 mod 200) duplicated, (n ≡ 13 mod 200)
 * followed by a bank-only fee line, (n ≡ 17 mod 100) with an amount typo; so the file has N lines and about 3% breaks.
 * Not a test; run with {@code bench/reconciliation/run-service.sh}.
 */
public final class ReconciliationServiceBenchmark {

    static final LocalDate START = LocalDate.of(2026, 3, 1);
    static final String ACCOUNT = "FXB0000000001";

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        long t0 = System.nanoTime();
        byte[] file = statement(size);
        System.out.printf("statement written: %,d bytes in %.1f s%n", file.length, (System.nanoTime() - t0) / 1e9);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        JsonMapper json = JsonMapper.builder().build();
        String login = "{\"username\":\"operator\",\"password\":\"fangxin-demo\"}";
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(login)).build(),
                HttpResponse.BodyHandlers.ofString());
        String bearer = json.readTree(token.body()).get("accessToken").asString();

        long start = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base
                        + "/api/v1/reconciliation/statements?format=CSV&fileName=bench-" + size + ".csv"))
                .timeout(Duration.ofMinutes(30))
                .header("Authorization", "Bearer " + bearer).header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (response.statusCode() != 201) {
            throw new IllegalStateException("upload answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode run = json.readTree(response.body()).get("run");
        System.out.printf("| lines | ledger movements | matched | breaks | auto-match | upload → parse → match → stored |%n");
        System.out.printf("|---|---|---|---|---|---|%n");
        System.out.printf("| %,d | %,d | %,d | %,d | %s | %.1f s |%n", run.get("lineCount").asInt(), run.get("movementCount").asInt(),
                run.get("matchCount").asInt(), run.get("breakCount").asInt(),
                run.get("rateBasisPoints").asInt() / 100.0 + "%", seconds);
    }

    static byte[] statement(int size) {
        var out = new ByteArrayOutputStream(size * 80);
        var text = new StringBuilder(1 << 16);
        text.append("booking_date,value_date,account,amount,end_to_end_id,bank_reference,description\n");
        for (int n = 1; n <= size; n++) {
            long amount = 100 + ((long) n * 7919 % 100000);
            LocalDate day = START.plusDays(n % 28);
            if (n % 100 == 7) {
                continue; // missing line
            }
            if (n % 100 == 17) {
                amount += 1; // amount typo
            }
            line(text, day, amount, "bench:" + n, "BK" + n);
            if (n % 200 == 11) {
                line(text, day, amount, "bench:" + n, "BK" + n); // duplicate
            }
            if (n % 200 == 13) {
                line(text, day, -250, "", "FEE" + n); // bank-only fee
            }
            if (text.length() > (1 << 16) - 200) {
                out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
                text.setLength(0);
            }
        }
        out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void line(StringBuilder text, LocalDate day, long minor, String endToEndId, String reference) {
        text.append(day).append(',').append(day).append(',').append(ACCOUNT).append(',')
                .append(BigDecimal.valueOf(minor, 2).toPlainString()).append(',').append(endToEndId).append(',')
                .append(reference).append(",bench\n");
    }
}
