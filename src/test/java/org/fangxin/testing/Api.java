package org.fangxin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.fangxin.identity.UserAccount;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small JSON client for the real HTTP API, logged in as one user (or anonymous). */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final String token;
    private final String language;

    public Api(String base) {
        this(base, null, null);
    }

    private Api(String base, String token, String language) {
        this.base = base;
        this.token = token;
        this.language = language;
    }

    /** The same client asking for answers (problem titles and details) in this language, e.g. {@code "en"}. */
    public Api inLanguage(String languageTag) {
        return new Api(base, token, languageTag);
    }

    /** Logs in through the token endpoint with the test password. */
    public Api as(UserAccount user) {
        return as(user.username(), TestUsers.PASSWORD);
    }

    public Api as(String username, String password) {
        Response response = post("/api/v1/auth/token", Map.of("username", username, "password", password));
        if (response.status() != 200) {
            throw new IllegalStateException("login failed for " + username + ": " + response);
        }
        return new Api(base, response.json().get("accessToken").asString(), language);
    }

    /** The bearer token this client sends (null when anonymous). */
    public String token() {
        return token;
    }

    public Api withToken(String bearer) {
        return new Api(base, bearer, language);
    }

    public record Response(int status, String body, Map<String, java.util.List<String>> headers) {
        public JsonNode json() {
            return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        /** The problem {@code code} of an error answer. */
        public String code() {
            JsonNode code = json().get("code");
            return code == null ? null : code.asString();
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), null);
    }

    /** A GET that accepts any content type (metrics, pages, files). */
    public Response getAny(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().header("Accept", "*/*"), null);
    }

    public Response post(String path, Object body) {
        return post(path, body, null);
    }

    public Response post(String path, Object body, String idempotencyKey) {
        return send(HttpRequest.newBuilder(uri(path)).POST(bodyOf(body)), idempotencyKey);
    }

    public Response put(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).PUT(bodyOf(body)), null);
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), null);
    }

    /** Sends a raw body as JSON content type, for malformed-input tests. */
    public Response postRaw(String path, String raw) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(raw)), null);
    }

    private Response send(HttpRequest.Builder request, String idempotencyKey) {
        HttpRequest.Builder probe = request.copy();
        if (probe.build().headers().firstValue("Accept").isEmpty()) {
            request.header("Accept", "application/json");
        }
        request.header("Content-Type", "application/json").timeout(Duration.ofSeconds(90));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (language != null) {
            request.header("Accept-Language", language);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.BodyPublisher bodyOf(Object body) {
        if (body == null) {
            return HttpRequest.BodyPublishers.noBody();
        }
        return HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }
}
