package org.fangxin.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.fangxin.identity.Role;
import org.fangxin.testing.FormSession;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Every error, at every layer, is an RFC 9457 document whose text names the field and the rule, in the caller's
 * language, and never an implementation detail (issue #14 item 2; before the fix: Tomcat's HTML 400 page for
 * %2F/%5C/%00/%FF, the framework's JSON for %3B, controller signatures for empty bodies, Java types in parser errors).
 */
class ProblemDocumentTests extends IntegrationTest {

    @Autowired DataSource dataSource;
    @Value("${fangxin.db.pool-size-max:10}") int poolSize;

    private Map<String, String> bearer(Role role) {
        return Map.of("Authorization", "Bearer " + api().as(users.create(role)).token(), "Accept", "application/json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%2F", "%5C", "%00", "%FF", "%3B", "a%3Bb", "..%2F..", "%252F", "%C0%AF"})
    void answersMalformedPathParametersWithAProblem(String segment) {
        var answer = new RawHttp(port).get("/api/v1/merchants/x" + segment + "y", bearer(Role.OPERATOR));

        assertThat(answer.status()).as(answer.toString()).isBetween(400, 404);
        assertThat(answer.isProblem()).as(answer.toString()).isTrue();
        assertThat(answer.json().get("code").asString()).isIn("invalid-input", "not-found");
        assertThat(answer.body()).doesNotContainPattern(RawHttp.IMPLEMENTATION);
    }

    @Test
    void answersAnEmptyBodyWithoutTheControllerSignature() {
        var answer = new RawHttp(port).send("POST", "/api/v1/auth/token", new byte[0],
                Map.of("Content-Type", "application/json", "Accept-Language", "en"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.json().get("detail").asString()).isEqualTo("The request body is empty: send a JSON object.");
        assertThat(answer.body()).doesNotContainPattern(RawHttp.IMPLEMENTATION);
    }

    @Test
    void namesTheFieldAndTheExpectedKindOfAWrongType() {
        var answer = new RawHttp(port).send("POST", "/api/v1/auth/token",
                "{\"username\": \"someone\", \"password\": {\"nested\": true}}".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json", "Accept-Language", "en"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("field").asString()).isEqualTo("password");
        assertThat(answer.json().get("detail").asString()).isEqualTo("\"password\" has the wrong type: expected text.");
        assertThat(answer.body()).doesNotContainPattern(RawHttp.IMPLEMENTATION);
    }

    @Test
    void namesAnUnknownFieldAndReportsBrokenJsonByLine() {
        var raw = new RawHttp(port);
        var unknown = raw.send("POST", "/api/v1/auth/otp", "{\"mobile\": \"13800000000\", \"admin\": true}".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json", "Accept-Language", "en"));
        var broken = raw.send("POST", "/api/v1/auth/otp", "{\"mobile\": ".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json", "Accept-Language", "en"));
        var notUtf8 = raw.send("POST", "/api/v1/auth/otp", new byte[] {'{', '"', 'm', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                Map.of("Content-Type", "application/json", "Accept-Language", "en"));

        assertThat(unknown.json().get("detail").asString()).isEqualTo("\"admin\" is not a field of this endpoint.");
        assertThat(broken.json().get("detail").asString()).startsWith("The request body is not valid JSON");
        assertThat(notUtf8.status()).isEqualTo(400);
        for (var answer : List.of(unknown, broken, notUtf8)) {
            assertThat(answer.isProblem()).as(answer.toString()).isTrue();
            assertThat(answer.body()).doesNotContainPattern(RawHttp.IMPLEMENTATION);
        }
    }

    @Test
    void speaksTheCallersLanguageWithAStableTypeAndCode() {
        var raw = new RawHttp(port);
        String path = "/api/v1/merchants/00000000-0000-7000-8000-000000000000";
        Map<String, String> operator = bearer(Role.OPERATOR);
        var chinese = raw.get(path, with(operator, "Accept-Language", "zh-CN,zh;q=0.9"));
        var english = raw.get(path, with(operator, "Accept-Language", "en-US,en;q=0.8"));
        var unspecified = raw.get(path, operator);

        assertThat(chinese.json().get("title").asString()).isEqualTo("未找到");
        assertThat(english.json().get("title").asString()).isEqualTo("Not found");
        assertThat(unspecified.json().get("title").asString()).isEqualTo("未找到");
        assertThat(chinese.json().get("detail").asString()).doesNotContainPattern("[A-Za-z]{4,}");
        for (var answer : List.of(chinese, english, unspecified)) {
            assertThat(answer.json().get("type").asString()).isEqualTo("https://fangxin.org/problems/not-found");
            assertThat(answer.json().get("code").asString()).isEqualTo("not-found");
        }
    }

    @Test
    void answersAnUnauthenticatedCallInTheCallersLanguage() {
        var answer = new RawHttp(port).get("/api/v1/me", Map.of("Accept-Language", "en"));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.json().get("title").asString()).isEqualTo("Not logged in");
    }

    @Test
    void answersAnUnknownAddressWithAPageInTheSiteLayoutNotWhitelabel() {
        var page = FormSession.loggedIn(port, users.create(Role.CONSUMER).username()).get("/no/such/page");

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("class=\"topbar\"").contains("未找到").doesNotContain("Whitelabel");
    }

    @Test
    void answersARefusedPageWithAForbiddenPageInTheSiteLayout() {
        var consumer = users.create(Role.CONSUMER);
        var page = FormSession.loggedIn(port, consumer.username()).get("/identity/users");

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("class=\"topbar\"").contains("无权操作").doesNotContain("Whitelabel");
    }

    @Test
    void answersADatabaseOutageWith503AndRetryAfter() throws Exception {
        Map<String, String> operator = bearer(Role.OPERATOR);
        List<Connection> held = new ArrayList<>();
        try {
            // the whole pool is taken: the next request waits for a connection until the pool's timeout, as in an outage
            for (int i = 0; i < poolSize; i++) {
                held.add(dataSource.getConnection());
            }
            var answer = new RawHttp(port).get("/api/v1/merchants/00000000-0000-7000-8000-000000000000", operator);

            assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
            assertThat(answer.isProblem()).isTrue();
            assertThat(answer.json().get("code").asString()).isEqualTo("service-unavailable");
            assertThat(Integer.parseInt(answer.header("Retry-After"))).isPositive();
            assertThat(answer.body()).doesNotContainPattern(RawHttp.IMPLEMENTATION);
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        var copy = new java.util.HashMap<>(headers);
        copy.put(name, value);
        return copy;
    }
}
