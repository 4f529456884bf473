package org.fangxin.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;

/**
 * The one way to check role × ownership access: named callers (a login each, or anonymous), in column order, and per
 * call the status each caller must get. Every caller logs in once (API token and page session are reused), and a row
 * fails naming every caller that got another status. Usage in an integration test:
 * <pre>{@code
 * var matrix = new AccessMatrix(port).anonymous("anonymous").caller("owner", gym.owner()).caller("operator", operator);
 * //                                                           anon owner oper
 * matrix.expect(api -> api.get("/api/v1/merchants/" + gym.id()), 401, 200, 200);
 * matrix.expect(api -> api.post(path, body), Map.of("owner", 403, "operator", 409));   // only the callers named
 * matrix.expectPage("/protection", 302, 403, 200);
 * }</pre>
 */
public final class AccessMatrix {

    private final int port;
    private final Map<String, UserAccount> logins = new LinkedHashMap<>();
    private final Map<String, Api> apis = new LinkedHashMap<>();
    private final Map<String, FormSession> pages = new LinkedHashMap<>();

    public AccessMatrix(int port) {
        this.port = port;
    }

    /**
     * The usual columns around one merchant, each caller a new user: anonymous, consumer, owner and staff of
     * {@code merchant}, otherOwner (of {@code other}), operator, bank, insurer, regulator (all sectors), association.
     */
    public static AccessMatrix aroundMerchant(int port, TestUsers users, TestMerchants merchants,
                                              TestMerchants.Created merchant, TestMerchants.Created other) {
        return new AccessMatrix(port).anonymous("anonymous").caller("consumer", users.create(Role.CONSUMER))
                .caller("owner", merchant.owner()).caller("staff", merchants.staff(merchant.id()))
                .caller("otherOwner", other.owner()).caller("operator", users.create(Role.OPERATOR))
                .caller("bank", users.create(Role.BANK)).caller("insurer", users.create(Role.INSURER))
                .caller("regulator", users.create(Role.REGULATOR)).caller("association", users.create(Role.ASSOCIATION));
    }

    /** Adds a caller who logs in as {@code user} (with {@link TestUsers#PASSWORD}); {@code null} is anonymous. */
    public AccessMatrix caller(String name, UserAccount user) {
        if (logins.containsKey(name)) {
            throw new IllegalArgumentException("caller " + name + " is already in the matrix");
        }
        logins.put(name, user);
        return this;
    }

    public AccessMatrix anonymous(String name) {
        return caller(name, null);
    }

    /** The caller's login ({@code null} for an anonymous caller). */
    public UserAccount user(String name) {
        return logins.get(known(name));
    }

    /** The caller's API client, logged in on first use. */
    public Api api(String name) {
        return apis.computeIfAbsent(known(name), n -> {
            Api anonymous = new Api("http://127.0.0.1:" + port);
            return logins.get(n) == null ? anonymous : anonymous.as(logins.get(n));
        });
    }

    /** The caller's page session (form login, cookies), logged in on first use. */
    public FormSession page(String name) {
        return pages.computeIfAbsent(known(name), n -> logins.get(n) == null ? FormSession.anonymous(port)
                : FormSession.loggedIn(port, logins.get(n).username()));
    }

    /** Every caller makes the call; {@code statuses} are the expected ones in column order. */
    public void expect(Function<Api, Api.Response> call, int... statuses) {
        expect(call, inColumnOrder(statuses));
    }

    /** The callers named in {@code expected} make the call and must get exactly those statuses. */
    public void expect(Function<Api, Api.Response> call, Map<String, Integer> expected) {
        Map<String, Integer> want = new LinkedHashMap<>();
        Map<String, Integer> actual = new LinkedHashMap<>();
        List<String> answers = new ArrayList<>();
        for (String name : ordered(expected)) {
            want.put(name, expected.get(name));
            Api.Response response = call.apply(api(name));
            actual.put(name, response.status());
            if (response.status() != expected.get(name)) {
                answers.add(name + ": " + response.status() + " " + response.body());
            }
        }
        assertThat(actual).as("statuses by caller; answers that differ: %s", answers).containsExactlyEntriesOf(want);
    }

    /**
     * Only the {@code allowed} callers pass the access check (any answer but 401, 403 or a server error); every other
     * logged-in caller gets 403 and an anonymous one 401.
     */
    public void expectOnly(Function<Api, Api.Response> call, Set<String> allowed) {
        allowed.forEach(this::known);
        List<String> wrong = new ArrayList<>();
        for (String name : logins.keySet()) {
            Api.Response response = call.apply(api(name));
            int status = response.status();
            boolean asRuled = allowed.contains(name) ? status != 401 && status != 403 && status < 500
                    : status == (logins.get(name) == null ? 401 : 403);
            if (!asRuled) {
                wrong.add(name + ": " + status + " " + response.body());
            }
        }
        assertThat(wrong).as("answers against the access rule (allowed: %s)", allowed).isEmpty();
    }

    /** Only the {@code allowed} callers open the page (200); others get 403, or the login page (302) when anonymous. */
    public void expectPageOnly(String path, Set<String> allowed) {
        allowed.forEach(this::known);
        Map<String, Integer> expected = new LinkedHashMap<>();
        Map<String, Integer> actual = new LinkedHashMap<>();
        for (String name : logins.keySet()) {
            expected.put(name, logins.get(name) == null ? 302 : allowed.contains(name) ? 200 : 403);
            actual.put(name, page(name).get(path).statusCode());
        }
        assertThat(actual).as(path).containsExactlyEntriesOf(expected);
    }

    /** Every caller opens the page (redirects are not followed); {@code statuses} in column order. */
    public void expectPage(String path, int... statuses) {
        Map<String, Integer> expected = inColumnOrder(statuses);
        Map<String, Integer> actual = new LinkedHashMap<>();
        expected.keySet().forEach(name -> actual.put(name, page(name).get(path).statusCode()));
        assertThat(actual).as(path).containsExactlyEntriesOf(expected);
    }

    private Map<String, Integer> inColumnOrder(int... statuses) {
        if (statuses.length != logins.size()) {
            throw new IllegalArgumentException(statuses.length + " statuses for " + logins.size() + " callers " + logins.keySet());
        }
        Map<String, Integer> expected = new LinkedHashMap<>();
        int i = 0;
        for (String name : logins.keySet()) {
            expected.put(name, statuses[i++]);
        }
        return expected;
    }

    /** The names of {@code expected} in column order, so failures read like the matrix. */
    private List<String> ordered(Map<String, Integer> expected) {
        expected.keySet().forEach(this::known);
        return logins.keySet().stream().filter(expected::containsKey).toList();
    }

    private String known(String name) {
        if (!logins.containsKey(name)) {
            throw new IllegalArgumentException("no caller " + name + " in the matrix " + logins.keySet());
        }
        return name;
    }
}
