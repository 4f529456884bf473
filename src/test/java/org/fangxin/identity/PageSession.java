package org.fangxin.identity;

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

/** A browser-like session without a browser: cookies, CSRF token from the login form, no redirect following. */
final class PageSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    private PageSession(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    static PageSession anonymous(int port) {
        return new PageSession(port);
    }

    static PageSession loggedIn(int port, String username, String password) {
        PageSession session = new PageSession(port);
        HttpResponse<String> login = session.post("/login", "username=" + encode(username) + "&password=" + encode(password));
        String location = login.headers().firstValue("Location").orElse("");
        if (!location.endsWith("/home")) {
            throw new IllegalStateException("form login failed for " + username + ": " + login.statusCode() + " " + location);
        }
        return session;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** Posts a form with the CSRF token of a freshly loaded login page (the token is per session). */
    HttpResponse<String> post(String path, String form) {
        Matcher matcher = CSRF.matcher(get("/login").body());
        String token = matcher.find() ? matcher.group(1) : "";
        String body = form.isEmpty() ? "_csrf=" + encode(token) : form + "&_csrf=" + encode(token);
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
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

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
