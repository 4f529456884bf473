package org.fangxin.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.fangxin.identity.Role;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class LedgerApiTests extends IntegrationTest {

    @Autowired
    Ledger ledger;

    private Api operator() {
        return api().as(users.create(Role.OPERATOR));
    }

    /** A fresh escrow (debit-normal, constrained) and card liability (credit-normal, constrained). */
    private List<AccountView> accounts() {
        return List.of(ledger.open(AccountType.ESCROW, UUID.randomUUID(), Money.CNY),
                ledger.open(AccountType.CARD_LIABILITY, UUID.randomUUID(), Money.CNY));
    }

    private static Map<String, Object> line(AccountView account, String side, long amount) {
        return Map.of("accountId", account.id().toString(), "side", side,
                "amount", Map.of("amountMinor", amount, "currency", "CNY"));
    }

    private static Map<String, Object> transfer(AccountView debit, AccountView credit, long amount) {
        return Map.of("description", "manual correction", "entries",
                List.of(line(debit, "DEBIT", amount), line(credit, "CREDIT", amount)));
    }

    private static String key() {
        return "k-" + UUID.randomUUID();
    }

    @Test
    void answersEachEndpointByRole() {
        List<AccountView> accounts = accounts();
        Api setup = operator();
        String transferId = setup.post("/api/v1/ledger/transfers", transfer(accounts.get(0), accounts.get(1), 500), key())
                .json().get("id").asString();
        String accountId = accounts.get(0).id().toString();
        Map<String, Function<Api, Integer>> endpoints = new LinkedHashMap<>();
        endpoints.put("list accounts", api -> api.get("/api/v1/ledger/accounts").status());
        endpoints.put("account", api -> api.get("/api/v1/ledger/accounts/" + accountId).status());
        endpoints.put("entries", api -> api.get("/api/v1/ledger/accounts/" + accountId + "/entries").status());
        endpoints.put("transfer", api -> api.get("/api/v1/ledger/transfers/" + transferId).status());
        endpoints.put("invariants", api -> api.get("/api/v1/ledger/invariants").status());
        endpoints.put("post", api -> api.post("/api/v1/ledger/transfers", transfer(accounts.get(0), accounts.get(1), 1), key()).status());
        Map<Role, Api> callers = new LinkedHashMap<>();
        for (Role role : List.of(Role.OPERATOR, Role.REGULATOR, Role.CONSUMER, Role.MERCHANT_OWNER, Role.BANK)) {
            callers.put(role, api().as(users.create(role, role.isMerchantSide() ? UUID.randomUUID() : null, null)));
        }
        Map<String, Integer> actual = new LinkedHashMap<>();
        Map<String, Integer> expected = new LinkedHashMap<>();
        callers.forEach((role, api) -> endpoints.forEach((name, call) -> {
            actual.put(name + " as " + role, call.apply(api));
            boolean write = name.equals("post");
            int allowed = write ? 201 : 200;
            boolean permitted = role == Role.OPERATOR || (role == Role.REGULATOR && !write);
            expected.put(name + " as " + role, permitted ? allowed : 403);
        }));
        // Reversal last, so the operator's one allowed reversal is the only one that succeeds.
        callers.forEach((role, api) -> {
            actual.put("reverse as " + role, api.post("/api/v1/ledger/transfers/" + transferId + "/reversal",
                    Map.of("reason", "entered twice"), key()).status());
            expected.put("reverse as " + role, role == Role.OPERATOR ? 201 : 403);
        });
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(api().get("/api/v1/ledger/invariants").status()).isEqualTo(401);
    }

    @Test
    void answersUnknownIdsWith404() {
        Api operator = operator();
        String unknown = UUID.randomUUID().toString();
        assertThat(operator.get("/api/v1/ledger/accounts/" + unknown).status()).isEqualTo(404);
        assertThat(operator.get("/api/v1/ledger/accounts/" + unknown + "/entries").status()).isEqualTo(404);
        assertThat(operator.get("/api/v1/ledger/transfers/" + unknown).status()).isEqualTo(404);
        var reversal = operator.post("/api/v1/ledger/transfers/" + unknown + "/reversal", Map.of("reason", "x"), key());
        assertThat(reversal.status()).isEqualTo(404);
        assertThat(reversal.code()).isEqualTo("not-found");
        assertThat(operator.get("/api/v1/ledger/transfers/not-a-uuid").status()).isEqualTo(400);
    }

    @Test
    void postsAManualTransferOnceAndReplaysItForTheSameKey() {
        List<AccountView> accounts = accounts();
        Api operator = operator();
        String key = key();
        var first = operator.post("/api/v1/ledger/transfers", transfer(accounts.get(0), accounts.get(1), 1_234), key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("postingKey").asString()).startsWith("manual:").endsWith(key);
        assertThat(first.json().get("entries").size()).isEqualTo(2);
        assertThat(first.json().get("entries").get(0).get("amount").get("amountMinor").asLong()).isEqualTo(1_234);
        assertThat(first.json().get("entries").get(0).get("amount").size()).as("money is amountMinor + currency only").isEqualTo(2);
        var replay = operator.post("/api/v1/ledger/transfers", transfer(accounts.get(0), accounts.get(1), 1_234), key);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
        var reused = operator.post("/api/v1/ledger/transfers", transfer(accounts.get(0), accounts.get(1), 999), key);
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.code()).isEqualTo("idempotency-key-reused");
        var account = operator.get("/api/v1/ledger/accounts/" + accounts.get(0).id());
        assertThat(account.json().get("normalBalance").get("amountMinor").asLong()).isEqualTo(1_234);
        var entries = operator.get("/api/v1/ledger/accounts/" + accounts.get(1).id() + "/entries");
        assertThat(entries.json().get("totalItems").asLong()).isEqualTo(1);
        assertThat(entries.json().get("items").get(0).get("side").asString()).isEqualTo("CREDIT");
    }

    @Test
    void reversesATransferOnlyOnce() {
        List<AccountView> accounts = accounts();
        Api operator = operator();
        String id = operator.post("/api/v1/ledger/transfers", transfer(accounts.get(0), accounts.get(1), 700), key())
                .json().get("id").asString();
        var reversal = operator.post("/api/v1/ledger/transfers/" + id + "/reversal", Map.of("reason", "duplicate"), key());
        assertThat(reversal.status()).isEqualTo(201);
        assertThat(reversal.json().get("reverses").asString()).isEqualTo(id);
        var again = operator.post("/api/v1/ledger/transfers/" + id + "/reversal", Map.of("reason", "duplicate"), key());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("transfer-already-reversed");
        assertThat(operator.get("/api/v1/ledger/transfers/" + id).json().get("reversedBy").asString())
                .isEqualTo(reversal.json().get("id").asString());
        assertThat(ledger.balance(accounts.get(0).id())).isEqualTo(Money.fen(0));
    }

    @Test
    void answersBadInputWithProblemsAndWritesNothing() {
        List<AccountView> accounts = accounts();
        AccountView escrow = accounts.get(0);
        AccountView card = accounts.get(1);
        Api operator = operator();
        var noKey = operator.post("/api/v1/ledger/transfers", transfer(escrow, card, 5));
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.code()).isEqualTo("idempotency-key-missing");
        var unbalanced = operator.post("/api/v1/ledger/transfers", Map.of("description", "x", "entries",
                List.of(line(escrow, "DEBIT", 5), line(card, "CREDIT", 4))), key());
        assertThat(unbalanced.status()).isEqualTo(422);
        assertThat(unbalanced.code()).isEqualTo("transfer-unbalanced");
        var single = operator.post("/api/v1/ledger/transfers", Map.of("description", "x", "entries",
                List.of(line(escrow, "DEBIT", 5))), key());
        assertThat(single.status()).isEqualTo(400);
        assertThat(single.code()).isEqualTo("invalid-input");
        var negative = operator.post("/api/v1/ledger/transfers", transfer(escrow, card, -5), key());
        assertThat(negative.status()).isEqualTo(400);
        var badCurrency = operator.post("/api/v1/ledger/transfers", Map.of("description", "x", "entries", List.of(
                Map.of("accountId", escrow.id().toString(), "side", "DEBIT", "amount", Map.of("amountMinor", 5, "currency", "QQQ")),
                Map.of("accountId", card.id().toString(), "side", "CREDIT", "amount", Map.of("amountMinor", 5, "currency", "QQQ")))),
                key());
        assertThat(badCurrency.status()).isEqualTo(400);
        var badSide = operator.post("/api/v1/ledger/transfers", Map.of("description", "x", "entries", List.of(
                Map.of("accountId", escrow.id().toString(), "side", "LEFT", "amount", Map.of("amountMinor", 5, "currency", "CNY")),
                line(card, "CREDIT", 5))), key());
        assertThat(badSide.status()).isEqualTo(400);
        var unknownField = operator.post("/api/v1/ledger/transfers", Map.of("description", "x", "postingKey", "mine",
                "entries", List.of(line(escrow, "DEBIT", 5), line(card, "CREDIT", 5))), key());
        assertThat(unknownField.status()).isEqualTo(400);
        var unknownAccount = operator.post("/api/v1/ledger/transfers", Map.of("description", "x", "entries", List.of(
                line(escrow, "DEBIT", 5), Map.of("accountId", UUID.randomUUID().toString(), "side", "CREDIT",
                        "amount", Map.of("amountMinor", 5, "currency", "CNY")))), key());
        assertThat(unknownAccount.status()).isEqualTo(422);
        assertThat(unknownAccount.code()).isEqualTo("unknown-account");
        var overdraw = operator.post("/api/v1/ledger/transfers", transfer(card, escrow, 5), key());
        assertThat(overdraw.status()).isEqualTo(409);
        assertThat(overdraw.code()).isEqualTo("insufficient-balance");
        var blankReason = operator.post("/api/v1/ledger/transfers/" + UUID.randomUUID() + "/reversal", Map.of("reason", " "), key());
        assertThat(blankReason.status()).isEqualTo(400);
        assertThat(operator.postRaw("/api/v1/ledger/transfers", "{oops").status()).isEqualTo(400);
        assertThat(operator.get("/api/v1/ledger/accounts?type=NO_SUCH_TYPE").status()).isEqualTo(400);
        assertThat(operator.get("/api/v1/ledger/accounts?page=-1").status()).isEqualTo(400);
        assertThat(ledger.balance(escrow.id())).isEqualTo(Money.fen(0));
        assertThat(ledger.balance(card.id())).isEqualTo(Money.fen(0));
    }

    @Test
    void capsThePageSizeAndFiltersAccounts() {
        AccountView escrow = accounts().get(0);
        Api regulator = api().as(users.create(Role.REGULATOR));
        var page = regulator.get("/api/v1/ledger/accounts?size=100000");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("size").asInt()).isEqualTo(Ledger.PAGE_SIZE_MAX);
        var filtered = regulator.get("/api/v1/ledger/accounts?type=ESCROW&ownerId=" + escrow.ownerId());
        assertThat(filtered.json().get("totalItems").asLong()).isEqualTo(1);
        assertThat(filtered.json().get("items").get(0).get("id").asString()).isEqualTo(escrow.id().toString());
        var invariants = regulator.get("/api/v1/ledger/invariants");
        assertThat(invariants.json().get("holds").asBoolean()).as(invariants.body()).isTrue();
    }
}
