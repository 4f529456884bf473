package org.fangxin.shared.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP exactly as sent (raw path, raw bytes, any headers), for tests of malformed requests the typed client would not
 * produce; and the check that an answer is a problem document that names no implementation detail.
 */
public final class RawHttp {

    /** Words that betray the implementation: Java packages and types, parser tokens, stack frames, method signatures. */
    public static final Pattern IMPLEMENTATION = Pattern.compile(
            "java\\.|javax\\.|jakarta\\.|org\\.(fangxin|springframework|apache|postgresql|hibernate)|tools\\.jackson|com\\.fasterxml"
                    + "|JsonToken|START_OBJECT|END_OBJECT|VALUE_[A-Z_]+|\\$[A-Z][A-Za-z]+|\\bpublic [a-z]|Exception\\b|\\.java:\\d+"
                    + "|\\bat [a-z]+\\.[a-z]+\\.|Whitelabel|Apache Tomcat|SQLState|PSQL");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;

    public RawHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Answer(int status, String body, HttpResponse<byte[]> response) {
        public String contentType() {
            return response.headers().firstValue("Content-Type").orElse("");
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public boolean isProblem() {
            return contentType().startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return status + " " + contentType() + " " + body;
        }
    }

    public Answer send(String method, String rawPath, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + rawPath)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), new String(response.body(), java.nio.charset.StandardCharsets.UTF_8), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Answer get(String rawPath, Map<String, String> headers) {
        return send("GET", rawPath, null, headers);
    }
}
