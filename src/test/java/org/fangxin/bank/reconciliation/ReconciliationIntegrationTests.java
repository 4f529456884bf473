package org.fangxin.bank.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class ReconciliationIntegrationTests extends IntegrationTest {

    static final ZoneId BANK_ZONE = ZoneId.of("Asia/Shanghai");
    static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L);
    static final String STATEMENTS = "/api/v1/reconciliation/statements";

    @Autowired Ledger ledger;
    @Autowired Merchants merchants;
    @Autowired Users accounts;

    static String key() {
        return "recon-" + UUID.randomUUID();
    }

    /** A merchant with an escrow account and its sub-account number. */
    record Escrowed(UUID merchantId, AccountView escrow, String accountNumber) {
    }

    Escrowed escrowedMerchant(Api operator) {
        var merchant = new TestMerchants(merchants, accounts).activeMerchant(Sector.SPORTS_FITNESS, "410200");
        AccountView escrow = ledger.open(AccountType.ESCROW, merchant.id(), Money.CNY);
        var subAccount = operator.get("/api/v1/reconciliation/sub-accounts/" + merchant.id());
        assertThat(subAccount.status()).isEqualTo(200);
        String number = subAccount.json().get("accountNumber").asString();
        assertThat(number).matches("FX[0-9]{10}");
        assertThat(operator.get("/api/v1/reconciliation/sub-accounts/" + merchant.id()).json().get("accountNumber").asString())
                .isEqualTo(number);
        return new Escrowed(merchant.id(), escrow, number);
    }

    /** Posts money into (positive) or out of (negative) the escrow; the posting key doubles as end-to-end id. */
    String move(Escrowed merchant, long signedFen) {
        AccountView clearing = ledger.open(AccountType.CONSUMER_FUNDS_CLEARING, null, Money.CNY);
        String postingKey = "rt-" + SEQUENCE.incrementAndGet();
        Money amount = Money.fen(Math.abs(signedFen));
        ledger.post(signedFen > 0
                ? NewTransfer.of(postingKey, "test funding", EntryLine.debit(merchant.escrow().id(), amount), EntryLine.credit(clearing.id(), amount))
                : NewTransfer.of(postingKey, "test outflow", EntryLine.debit(clearing.id(), amount), EntryLine.credit(merchant.escrow().id(), amount)));
        return postingKey;
    }

    LocalDate today() {
        return clock.instant().atZone(BANK_ZONE).toLocalDate();
    }

    /**
     * Goal: a camt.053 built from real escrow movements, with a fee, a duplicate, a missing and a mistyped line,
     * matches every clean line and flags each fault exactly once; the breaks are worked to approval by a second
     * operator, the fee corrected in the ledger, and the day's certificate turns from RED to GREEN.
     */
    @Test
    void matchesCleanLinesFlagsEachFaultOnceAndCertifiesAfterApproval() {
        UserAccount maker = users.create(Role.OPERATOR);
        UserAccount checker = users.create(Role.OPERATOR);
        Api operator = api().as(maker);
        Api approver = api().as(checker);
        Escrowed gym = escrowedMerchant(operator);
        LocalDate day = today();

        String funded = move(gym, 1_000_00);
        String funded2 = move(gym, 500_00);
        move(gym, 200_00);                       // the bank gives no end-to-end id: matched by amount, account, date
        String paidOut = move(gym, -300_00);
        String mistyped = move(gym, 80_00);
        move(gym, 60_00);                        // missing from the statement
        long ledgerFen = 1_000_00 + 500_00 + 200_00 - 300_00 + 80_00 + 60_00;
        long feeFen = 2_50;
        String ref = "BK" + SEQUENCE.incrementAndGet() + "-";
        String xml = new Camt053Builder("STMT-" + gym.accountNumber() + "-" + day, gym.accountNumber(), day)
                .balances(Money.fen(0), Money.fen(ledgerFen - feeFen))
                .entry(Money.fen(1_000_00), funded, ref + 1, "purchase")
                .entry(Money.fen(500_00), funded2, ref + 2, "purchase")
                .entry(Money.fen(200_00), null, ref + 3, "purchase")
                .entry(Money.fen(-300_00), paidOut, ref + 4, "payout")
                .entry(Money.fen(800_00), mistyped, ref + 5, "typo")
                .entry(Money.fen(-feeFen), null, ref + 6, "fee")
                .entry(Money.fen(500_00), funded2, ref + 2, "purchase")
                .xml();

        var imported = operator.post(STATEMENTS + "?format=CAMT053", xml, key());

        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        JsonNode run = imported.json().get("run");
        assertThat(run.get("lineCount").asInt()).isEqualTo(7);
        assertThat(run.get("movementCount").asInt()).isEqualTo(6);
        assertThat(run.get("matchCount").asInt()).isEqualTo(4);
        assertThat(run.get("breakCount").asInt()).isEqualTo(4);
        assertThat(run.get("rateBasisPoints").asInt()).isEqualTo(4 * 10_000 / 7);
        List<String> kinds = new ArrayList<>();
        imported.json().get("breaks").forEach(b -> kinds.add(b.get("kind").asString()));
        assertThat(kinds).containsExactlyInAnyOrder("AMOUNT_MISMATCH", "LEDGER_ONLY", "BANK_ONLY", "DUPLICATE");
        String runId = run.get("id").asString();
        assertThat(operator.get("/api/v1/reconciliation/runs/" + runId).json().get("matches").size()).isEqualTo(4);

        var red = operator.get("/api/v1/reconciliation/certificates?date=" + day).json();
        assertThat(red.get("status").asString()).isEqualTo("RED");
        JsonNode line = accountLine(red, gym.accountNumber());
        assertThat(line.get("bankClosing").get("amountMinor").asLong()).isEqualTo(ledgerFen - feeFen);
        assertThat(line.get("ledgerEscrow").get("amountMinor").asLong()).isEqualTo(ledgerFen);
        assertThat(line.get("openBreaks").asInt()).isEqualTo(4);

        AccountView bankFees = ledger.open(AccountType.BANK_FEES, null, Money.CNY);
        for (JsonNode b : imported.json().get("breaks")) {
            String id = b.get("id").asString();
            String path = "/api/v1/reconciliation/breaks/" + id;
            assertThat(operator.post(path + "/explain", Map.of("explanation", "too early"), key()).code()).isEqualTo("break-state");
            assertThat(operator.post(path + "/assign", Map.of(), key()).status()).isEqualTo(200);
            assertThat(operator.post(path + "/explain", Map.of("explanation", "statement fault: " + b.get("kind").asString()), key())
                    .json().get("status").asString()).isEqualTo("EXPLAINED");
            Map<String, Object> resolution = Map.of();
            if (b.get("kind").asString().equals("BANK_ONLY")) {
                var correction = operator.post("/api/v1/ledger/transfers", Map.of("description", "bank fee on the statement",
                        "entries", List.of(
                                Map.of("accountId", bankFees.id().toString(), "side", "DEBIT", "amount", Map.of("amountMinor", feeFen, "currency", "CNY")),
                                Map.of("accountId", gym.escrow().id().toString(), "side", "CREDIT", "amount", Map.of("amountMinor", feeFen, "currency", "CNY")))),
                        key());
                assertThat(correction.status()).as(correction.body()).isEqualTo(201);
                resolution = Map.of("correctingTransferId", correction.json().get("id").asString());
            }
            var resolved = operator.post(path + "/resolve", resolution, key());
            assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
            assertThat(resolved.json().get("status").asString()).isEqualTo("RESOLVED");

            var selfApproved = operator.post(path + "/approve", null, key());
            assertThat(selfApproved.status()).isEqualTo(403);
            assertThat(selfApproved.code()).isEqualTo("approver-is-resolver");
            var approved = approver.post(path + "/approve", null, key());
            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
            assertThat(approved.json().get("approvedBy").asString()).isEqualTo(checker.id().toString());
        }

        var green = operator.get("/api/v1/reconciliation/certificates?date=" + day).json();
        JsonNode greenLine = accountLine(green, gym.accountNumber());
        assertThat(greenLine.get("ledgerEscrow").get("amountMinor").asLong()).isEqualTo(ledgerFen - feeFen);
        assertThat(greenLine.get("status").asString()).isEqualTo("GREEN");
        assertThat(green.get("status").asString()).isEqualTo("GREEN");
        assertThat(green.get("openBreaks").size()).isZero();
    }

    static JsonNode accountLine(JsonNode certificate, String accountNumber) {
        for (JsonNode line : certificate.get("accounts")) {
            if (line.get("accountNumber").asString().equals(accountNumber)) {
                return line;
            }
        }
        throw new AssertionError("no line for " + accountNumber + " in " + certificate);
    }

    @Test
    void refusesAMalformedFileNamingTheLineAndStoresNothing() {
        Api operator = api().inLanguage("en").as(users.create(Role.OPERATOR));
        int runsBefore = operator.get("/api/v1/reconciliation/runs?size=200").json().size();
        String account = "ZZ" + SEQUENCE.incrementAndGet();
        String csv = "booking_date,value_date,account,amount,end_to_end_id,bank_reference,description\n"
                + "2020-01-06,2020-01-06," + account + ",10.00,,R1,ok\n"
                + "2020-01-06,2020-01-06," + account + ",ten yuan,,R2,bad\n";

        var refused = operator.post(STATEMENTS + "?format=CSV", csv, key());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("malformed-statement");
        assertThat(refused.json().get("detail").asString()).contains("line 3");
        assertThat(refused.json().get("line").asInt()).isEqualTo(3);
        var brokenXml = operator.post(STATEMENTS + "?format=CAMT053", "<Document><BkToCstmrStmt></Document>", key());
        assertThat(brokenXml.status()).isEqualTo(400);
        assertThat(brokenXml.code()).isEqualTo("malformed-statement");
        assertThat(operator.get("/api/v1/reconciliation/runs?size=200").json().size()).isEqualTo(runsBefore);
        // Nothing was stored: the same file, corrected elsewhere, is not refused as a duplicate.
        assertThat(operator.post(STATEMENTS + "?format=CSV", csv, key()).code()).isEqualTo("malformed-statement");
    }

    @Test
    void refusesTheSameFileTwiceNamingTheFirstImport() {
        Api operator = api().as(users.create(Role.OPERATOR));
        String account = "ZZ" + SEQUENCE.incrementAndGet();
        String csv = "booking_date,value_date,account,amount,end_to_end_id,bank_reference,description\n"
                + "2020-01-07,2020-01-07," + account + ",-2.50,,R1,fee\n";

        var first = operator.post(STATEMENTS + "?format=CSV", csv, key());
        var second = operator.post(STATEMENTS + "?format=CSV", csv, key());

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("breaks").get(0).get("kind").asString()).isEqualTo("BANK_ONLY");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("statement-already-imported");
        assertThat(second.json().get("firstImportId").asString()).isEqualTo(first.json().get("run").get("importId").asString());
        var missingKey = operator.post(STATEMENTS + "?format=CSV", csv.replace("R1", "R9"), null);
        assertThat(missingKey.status()).isEqualTo(400);
        assertThat(missingKey.code()).isEqualTo("idempotency-key-missing");
    }

    @Test
    void letsTheBankReadCertificatesOnlyAndRefusesOtherRoles() {
        String day = "/api/v1/reconciliation/certificates?date=2020-01-08";
        assertThat(api().as(users.create(Role.OPERATOR)).get(day).status()).isEqualTo(200);
        Api bank = api().as(users.create(Role.BANK));
        assertThat(bank.get(day).status()).isEqualTo(200);
        assertForbidden(bank, false);
        for (Role role : List.of(Role.CONSUMER, Role.REGULATOR, Role.INSURER, Role.ASSOCIATION)) {
            Api other = api().as(users.create(role));
            assertThat(other.get(day).status()).as(role.name()).isEqualTo(403);
            assertForbidden(other, true);
        }
        assertThat(api().get(day).status()).isEqualTo(401);
    }

    private static void assertForbidden(Api caller, boolean alsoCertificates) {
        UUID any = UUID.randomUUID();
        assertThat(caller.post(STATEMENTS + "?format=CSV", "a,b\n", key()).status()).isEqualTo(403);
        assertThat(caller.get("/api/v1/reconciliation/runs").status()).isEqualTo(403);
        assertThat(caller.get("/api/v1/reconciliation/runs/" + any).status()).isEqualTo(403);
        assertThat(caller.get("/api/v1/reconciliation/breaks").status()).isEqualTo(403);
        assertThat(caller.post("/api/v1/reconciliation/breaks/" + any + "/assign", Map.of(), key()).status()).isEqualTo(403);
        assertThat(caller.post("/api/v1/reconciliation/breaks/" + any + "/approve", null, key()).status()).isEqualTo(403);
        assertThat(caller.get("/api/v1/reconciliation/sub-accounts").status()).isEqualTo(403);
        assertThat(caller.get("/api/v1/reconciliation/sub-accounts/" + any).status()).isEqualTo(403);
    }
}
