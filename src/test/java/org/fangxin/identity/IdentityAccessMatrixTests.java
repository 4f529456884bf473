package org.fangxin.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.fangxin.testing.AccessMatrix;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

/** Every identity endpoint and page × every role (and anonymous): allowed, 403 or 401. */
class IdentityAccessMatrixTests extends IntegrationTest {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    record Endpoint(String method, String path, Supplier<Object> body, Set<Role> allowed) { }

    private static Supplier<Object> none() {
        return () -> null;
    }

    @Test
    void apiEndpointsAnswerEachRoleAsDeclared() {
        UserAccount bank = users.create(Role.BANK);
        var endpoints = new Endpoint[] {
                new Endpoint("GET", "/api/v1/me", none(), EnumSet.allOf(Role.class)),
                new Endpoint("POST", "/api/v1/me/real-name",
                        () -> Map.of("fullName", "测试", "idNumber", ResidentIdNumbersTests.valid()), EnumSet.of(Role.CONSUMER)),
                new Endpoint("GET", "/api/v1/identity/sms-outbox", none(), EnumSet.of(Role.OPERATOR)),
                new Endpoint("GET", "/api/v1/identity/api-keys", none(), EnumSet.of(Role.OPERATOR)),
                new Endpoint("POST", "/api/v1/identity/api-keys",
                        () -> Map.of("userId", bank.id().toString(), "label", "matrix"), EnumSet.of(Role.OPERATOR)),
                new Endpoint("POST", "/api/v1/identity/api-keys/" + UUID.randomUUID() + "/revoke", none(), EnumSet.of(Role.OPERATOR)),
                new Endpoint("GET", "/api/v1/identity/users?role=BANK", none(), EnumSet.of(Role.OPERATOR)),
                new Endpoint("POST", "/api/v1/identity/users", () -> {
                    Map<String, Object> body = new HashMap<>();
                    body.put("username", "matrix-bank-" + SEQUENCE.incrementAndGet());
                    body.put("password", "matrix-password-1");
                    body.put("role", "BANK");
                    return body;
                }, EnumSet.of(Role.OPERATOR)),
                new Endpoint("GET", "/api/v1/merchant-staff", none(), EnumSet.of(Role.MERCHANT_OWNER)),
                new Endpoint("POST", "/api/v1/merchant-staff",
                        () -> Map.of("username", "matrix-staff-" + SEQUENCE.incrementAndGet(), "password", "matrix-password-1"),
                        EnumSet.of(Role.MERCHANT_OWNER)),
                new Endpoint("POST", "/api/v1/merchant-staff/" + UUID.randomUUID() + "/disable", none(), EnumSet.of(Role.MERCHANT_OWNER)),
                new Endpoint("POST", "/api/v1/merchant-staff/" + UUID.randomUUID() + "/enable", none(), EnumSet.of(Role.MERCHANT_OWNER)),
                new Endpoint("GET", "/api/v1/audit?limit=5", none(), EnumSet.of(Role.OPERATOR, Role.REGULATOR)),
        };
        AccessMatrix matrix = everyRole();
        for (Endpoint endpoint : endpoints) {
            matrix.expectOnly(caller -> call(caller, endpoint), names(endpoint.allowed()));
        }
    }

    @Test
    void authEndpointsAreOpenToAnonymousCallers() {
        assertThat(api().post("/api/v1/auth/token", Map.of("username", "nobody-" + SEQUENCE.incrementAndGet(), "password", "x")).status())
                .isEqualTo(401);
        assertThat(api().post("/api/v1/auth/otp", Map.of("mobile", TestMobiles.next())).status()).isEqualTo(202);
        assertThat(api().post("/api/v1/auth/otp/verify", Map.of("mobile", TestMobiles.next(), "code", "123456")).status()).isEqualTo(401);
    }

    @Test
    void pagesAnswerEachRoleAsDeclared() {
        Map<String, Set<Role>> pages = Map.of(
                "/identity/sms-outbox", EnumSet.of(Role.OPERATOR),
                "/identity/api-keys", EnumSet.of(Role.OPERATOR),
                "/audit", EnumSet.of(Role.OPERATOR, Role.REGULATOR),
                "/merchant-staff", EnumSet.of(Role.MERCHANT_OWNER),
                "/me/real-name", EnumSet.of(Role.CONSUMER),
                "/home", EnumSet.allOf(Role.class));
        AccessMatrix matrix = everyRole();
        pages.forEach((path, allowed) -> matrix.expectPageOnly(path, names(allowed)));
        for (String open : new String[] {"/login", "/login/otp"}) {
            assertThat(matrix.page("anonymous").get(open).statusCode()).as("anonymous " + open).isEqualTo(200);
        }
    }

    /** A caller per role (named by it, with a merchant for merchant-side roles) and an anonymous one. */
    private AccessMatrix everyRole() {
        AccessMatrix matrix = new AccessMatrix(port);
        for (Role role : Role.values()) {
            matrix.caller(role.name(), users.create(role, role.isMerchantSide() ? UUID.randomUUID() : null, null));
        }
        return matrix.anonymous("anonymous");
    }

    private static Set<String> names(Set<Role> roles) {
        return roles.stream().map(Role::name).collect(Collectors.toSet());
    }

    private static Api.Response call(Api caller, Endpoint endpoint) {
        return endpoint.method().equals("GET") ? caller.get(endpoint.path()) : caller.post(endpoint.path(), endpoint.body().get());
    }
}
