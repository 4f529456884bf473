package org.fangxin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A page session without a browser (form login, cookies, CSRF from the login page, no redirects followed). */
public final class FormSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    private FormSession(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public static FormSession anonymous(int port) {
        return new FormSession(port);
    }

    public static FormSession loggedIn(int port, String username) {
        return loggedIn(port, username, TestUsers.PASSWORD);
    }

    public static FormSession loggedIn(int port, String username, String password) {
        FormSession session = new FormSession(port);
        HttpResponse<String> login = session.post("/login", "username=" + encode(username) + "&password=" + encode(password));
        String location = login.headers().firstValue("Location").orElse("");
        if (!location.endsWith("/home")) {
            throw new IllegalStateException("form login failed for " + username + ": " + login.statusCode() + " " + location);
        }
        return session;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET());
    }

    /** Posts a url-encoded form with the session's CSRF token. */
    public HttpResponse<String> post(String path, String form) {
        Matcher matcher = CSRF.matcher(get("/login").body());
        String token = matcher.find() ? matcher.group(1) : "";
        String body = form.isEmpty() ? "_csrf=" + encode(token) : form + "&_csrf=" + encode(token);
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
