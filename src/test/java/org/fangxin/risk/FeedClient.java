package org.fangxin.risk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.fangxin.testing.Api;

/** A data provider's system: pushes feed files with its API key, as a provider would (raw body, its content type). */
final class FeedClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String apiKey;

    FeedClient(int port, String apiKey) {
        this.base = "http://127.0.0.1:" + port;
        this.apiKey = apiKey;
    }

    Api.Response pushCsv(String csv) {
        return push("text/csv; charset=utf-8", csv.getBytes(StandardCharsets.UTF_8), "feed-" + UUID.randomUUID() + ".csv");
    }

    Api.Response pushJson(String json) {
        return push("application/json", json.getBytes(StandardCharsets.UTF_8), "feed-" + UUID.randomUUID() + ".json");
    }

    Api.Response push(String contentType, byte[] body, String fileName) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/risk/feeds"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType)
                .header("Accept", "application/json").header("X-File-Name", fileName).timeout(Duration.ofSeconds(60));
        if (apiKey != null) {
            request.header("Authorization", "ApiKey " + apiKey);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Api.Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
