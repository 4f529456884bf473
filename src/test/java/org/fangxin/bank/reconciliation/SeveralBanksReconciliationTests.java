package org.fangxin.bank.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fangxin.bank.reconciliation.ReconciliationIntegrationTests.BANK_ZONE;
import static org.fangxin.bank.reconciliation.ReconciliationIntegrationTests.SEQUENCE;
import static org.fangxin.bank.reconciliation.ReconciliationIntegrationTests.STATEMENTS;
import static org.fangxin.bank.reconciliation.ReconciliationIntegrationTests.accountLine;
import static org.fangxin.bank.reconciliation.ReconciliationIntegrationTests.key;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Several custodian banks (issue 13): each merchant's sub-accounts are at one bank, each bank's statements are
 * reconciled against its own merchants' ledger escrow and certified on their own, and a bank sees only its merchants.
 */
class SeveralBanksReconciliationTests extends IntegrationTest {

    @Autowired Ledger ledger;
    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired org.fangxin.bank.BankExchange exchange;
    @Autowired org.fangxin.bank.sandbox.SandboxBank sandbox;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcClient jdbc;

    Api maker;
    Api checker;

    @BeforeEach
    void operators() {
        maker = api().as(users.create(Role.OPERATOR));
        checker = api().as(users.create(Role.OPERATOR));
    }

    /** A merchant at a bank, with its escrow account and escrow sub-account number. */
    record AtBank(UUID merchantId, AccountView escrow, String accountNumber) { }

    private String registerBank(String prefix) {
        String code = prefix + (SEQUENCE.incrementAndGet() % 100_000_000L);
        var registered = maker.post("/api/v1/bank/custodian-banks", Map.of("code", code, "nameZh", "测试银行" + code,
                "nameEn", "Test bank " + code, "custodyAccount", "CUST-" + code), key());
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return code;
    }

    /** An approved merchant moved (while it holds nothing) to the bank by one operator's proposal and another's approval. */
    private AtBank merchantAt(String bank) {
        var merchant = new TestMerchants(merchants, accounts).activeMerchant(Sector.SPORTS_FITNESS, "410200");
        var proposed = maker.post("/api/v1/bank/merchants/" + merchant.id() + "/bank-moves", Map.of("toBank", bank), key());
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        String move = "/api/v1/bank/bank-moves/" + proposed.json().get("id").asString();
        var self = maker.post(move + "/apply", null, key());
        assertThat(self.status()).isEqualTo(403);
        assertThat(self.code()).isEqualTo("custodian-bank-move-decider-is-proposer");
        var applied = checker.post(move + "/apply", null, key());
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(applied.json().get("state").asString()).isEqualTo("APPLIED");
        String number = maker.get("/api/v1/reconciliation/sub-accounts/" + merchant.id()).json().get("accountNumber").asString();
        return new AtBank(merchant.id(), ledger.open(AccountType.ESCROW, merchant.id(), Money.CNY), number);
    }

    private String move(AtBank merchant, long signedFen) {
        AccountView clearing = ledger.open(AccountType.CONSUMER_FUNDS_CLEARING, null, Money.CNY);
        String postingKey = "mb-" + SEQUENCE.incrementAndGet();
        Money amount = Money.fen(Math.abs(signedFen));
        ledger.post(signedFen > 0
                ? NewTransfer.of(postingKey, "test funding", EntryLine.debit(merchant.escrow().id(), amount), EntryLine.credit(clearing.id(), amount))
                : NewTransfer.of(postingKey, "test outflow", EntryLine.debit(clearing.id(), amount), EntryLine.credit(merchant.escrow().id(), amount)));
        return postingKey;
    }

    private LocalDate today() {
        return clock.instant().atZone(BANK_ZONE).toLocalDate();
    }

    private JsonNode importFor(String bank, String xml) {
        var imported = maker.post(STATEMENTS + "?format=CAMT053&bank=" + bank, xml, key());
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        return imported.json();
    }

    /**
     * Goal: with two banks, a statement typo at bank B is one break of bank B's run and turns only B's certificate
     * RED; bank A's certificate stays GREEN with bank = ledger; a line for A's sub-account in B's statement is B's
     * break (B holds no escrow of that merchant), not a match.
     */
    @Test
    void twoBanksReconcileSeparatelyAndABreakAtOneBankDoesNotShowAtTheOther() {
        String bankA = registerBank("A");
        String bankB = registerBank("B");
        AtBank gym = merchantAt(bankA);
        AtBank school = merchantAt(bankB);
        LocalDate day = today();
        String gymIn = move(gym, 1_000_00);
        String schoolIn = move(school, 2_000_00);
        String schoolOut = move(school, -300_00);
        String ref = "MB" + SEQUENCE.incrementAndGet() + "-";

        JsonNode runA = importFor(bankA, new Camt053Builder("STMT-A-" + gym.accountNumber() + "-" + day, gym.accountNumber(), day)
                .balances(Money.fen(0), Money.fen(1_000_00)).entry(Money.fen(1_000_00), gymIn, ref + 1, "purchase").xml());
        JsonNode runB = importFor(bankB, new Camt053Builder("STMT-B-" + school.accountNumber() + "-" + day, school.accountNumber(), day)
                .balances(Money.fen(0), Money.fen(1_700_00))
                .entry(Money.fen(2_000_01), schoolIn, ref + 2, "purchase (typo)")
                .entry(Money.fen(-300_00), schoolOut, ref + 3, "refund").xml());

        assertThat(runA.get("run").get("breakCount").asInt()).isZero();
        assertThat(runA.get("run").get("matchCount").asInt()).isEqualTo(1);
        assertThat(runB.get("run").get("matchCount").asInt()).isEqualTo(1);
        assertThat(kinds(runB)).containsExactly("AMOUNT_MISMATCH");

        JsonNode certificateA = maker.get("/api/v1/reconciliation/certificates?date=" + day + "&bank=" + bankA).json();
        JsonNode certificateB = maker.get("/api/v1/reconciliation/certificates?date=" + day + "&bank=" + bankB).json();
        assertThat(certificateA.get("status").asString()).isEqualTo("GREEN");
        assertThat(certificateA.get("openBreaks").size()).isZero();
        assertThat(certificateA.get("accounts").size()).isEqualTo(1);
        assertThat(accountLine(certificateA, gym.accountNumber()).get("ledgerEscrow").get("amountMinor").asLong()).isEqualTo(1_000_00);
        assertThat(certificateA.get("bankTotal").get("amountMinor").asLong()).isEqualTo(1_000_00);
        assertThat(certificateB.get("status").asString()).isEqualTo("RED");
        assertThat(certificateB.get("openBreaks").size()).isEqualTo(1);
        assertThat(accountLine(certificateB, school.accountNumber()).get("ledgerEscrow").get("amountMinor").asLong()).isEqualTo(1_700_00);

        // Bank B reporting bank A's sub-account: nothing of that merchant's escrow is at B, so the line is B's break.
        JsonNode stray = importFor(bankB, new Camt053Builder("STMT-B-" + gym.accountNumber() + "-" + day, gym.accountNumber(), day)
                .balances(Money.fen(0), Money.fen(1_000_00)).entry(Money.fen(1_000_00), gymIn, ref + 4, "purchase").xml());
        assertThat(stray.get("run").get("movementCount").asInt()).isZero();
        assertThat(kinds(stray)).containsExactly("BANK_ONLY");
        JsonNode stillGreen = maker.get("/api/v1/reconciliation/certificates?date=" + day + "&bank=" + bankA).json();
        assertThat(stillGreen.get("status").asString()).isEqualTo("GREEN");
        assertThat(stillGreen.get("openBreaks").size()).isZero();

        // The regulator sees each merchant where its own bank's certificate puts it.
        JsonNode regions = api().as(users.create(Role.REGULATOR)).get("/api/v1/bank/certificate-status?date=" + day).json();
        assertThat(regulatorLine(regions, gym.merchantId()).get("state").asString()).isEqualTo("GREEN");
        assertThat(regulatorLine(regions, gym.merchantId()).get("bank").asString()).isEqualTo(bankA);
        assertThat(regulatorLine(regions, school.merchantId()).get("state").asString()).isEqualTo("OPEN_BREAKS");
        assertThat(regulatorLine(regions, school.merchantId()).get("bank").asString()).isEqualTo(bankB);
    }

    /**
     * Goal: a BANK user of bank A sees only bank A's merchants, statements and certificate; bank B's merchant and
     * certificate answer 404, and so do both merchants to a user of the default bank.
     */
    @Test
    void aBankSeesOnlyItsOwnMerchantsAndAnotherBanksObjectIsNotFound() {
        String bankA = registerBank("PA");
        String bankB = registerBank("PB");
        AtBank gym = merchantAt(bankA);
        AtBank school = merchantAt(bankB);
        UserAccount userA = users.create(Role.BANK);
        var member = maker.post("/api/v1/bank/custodian-banks/" + bankA + "/members", Map.of("userId", userA.id().toString()), key());
        assertThat(member.status()).as(member.body()).isEqualTo(200);
        Api bankUserA = api().as(userA);
        Api defaultBankUser = api().as(users.create(Role.BANK));

        var own = bankUserA.get("/api/v1/bank/merchants/" + gym.merchantId() + "/accounts");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("bank").asString()).isEqualTo(bankA);
        assertThat(own.json().get("custodyAccount").asString()).isEqualTo("CUST-" + bankA);
        assertThat(bankUserA.get("/api/v1/bank/merchants/" + school.merchantId() + "/accounts").status()).isEqualTo(404);
        assertThat(bankUserA.get("/api/v1/bank/merchants/" + school.merchantId() + "/balance").status()).isEqualTo(404);
        assertThat(bankUserA.get("/api/v1/bank/merchants/" + school.merchantId() + "/movements").status()).isEqualTo(404);
        assertThat(defaultBankUser.get("/api/v1/bank/merchants/" + gym.merchantId() + "/accounts").status()).isEqualTo(404);
        assertThat(maker.get("/api/v1/bank/merchants/" + school.merchantId() + "/accounts").status()).isEqualTo(200);

        List<String> listed = new ArrayList<>();
        bankUserA.get("/api/v1/bank/balances?size=100").json().get("items").forEach(i -> listed.add(i.get("merchantId").asString()));
        assertThat(listed).contains(gym.merchantId().toString()).doesNotContain(school.merchantId().toString());
        assertThat(bankUserA.get("/api/v1/reconciliation/certificates?date=" + today() + "&bank=" + bankB).status()).isEqualTo(404);
        assertThat(bankUserA.get("/api/v1/bank/custodian-banks").json().size()).isEqualTo(1);
    }

    /** Goal: a merchant's bank cannot change while it holds money, nor by the proposer alone, nor to an unknown bank. */
    @Test
    void aMerchantsBankChangesOnlyWhileItHoldsNoMoneyAndUnderDualControl() {
        String bankA = registerBank("MA");
        String bankB = registerBank("MB");
        AtBank gym = merchantAt(bankA);
        move(gym, 50_00);

        var held = maker.post("/api/v1/bank/merchants/" + gym.merchantId() + "/bank-moves", Map.of("toBank", bankB), key());
        assertThat(held.status()).isEqualTo(409);
        assertThat(held.code()).isEqualTo("custodian-bank-move-money-held");
        assertThat(maker.post("/api/v1/bank/merchants/" + gym.merchantId() + "/bank-moves", Map.of("toBank", "NOSUCHBANK"), key())
                .status()).isEqualTo(404);
        var duplicate = maker.post("/api/v1/bank/custodian-banks", Map.of("code", bankA, "nameZh", "重复", "nameEn", "Duplicate",
                "custodyAccount", "CUST-OTHER-" + bankA), key());
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(api().as(users.create(Role.BANK)).post("/api/v1/bank/custodian-banks", Map.of("code", "XX1"), key()).status())
                .isEqualTo(403);

        move(gym, -50_00);
        var proposed = maker.post("/api/v1/bank/merchants/" + gym.merchantId() + "/bank-moves", Map.of("toBank", bankB), key());
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        move(gym, 10_00);  // money arrived after the proposal: applying re-checks
        var refused = checker.post("/api/v1/bank/bank-moves/" + proposed.json().get("id").asString() + "/apply", null, key());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("custodian-bank-move-money-held");
        assertThat(maker.get("/api/v1/bank/merchants/" + gym.merchantId() + "/accounts").json().get("bank").asString()).isEqualTo(bankA);
    }

    /**
     * Goal: money that arrives while a move is applied cannot slip past the "holds no money" check. A purchase posting
     * to the merchant's escrow (uncommitted, holding the balance row) makes the apply wait for it; once it commits, the
     * apply sees the money and refuses, and the merchant stays at its bank.
     */
    @Test
    void aMoveAppliedWhileAPurchasePostsToEscrowWaitsForItAndIsRefused() throws Exception {
        String bankA = registerBank("RA");
        String bankB = registerBank("RB");
        AtBank gym = merchantAt(bankA);
        var proposed = maker.post("/api/v1/bank/merchants/" + gym.merchantId() + "/bank-moves", Map.of("toBank", bankB), key());
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        String apply = "/api/v1/bank/bank-moves/" + proposed.json().get("id").asString() + "/apply";
        var posted = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> purchase = pool.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(s -> {
                move(gym, 10_00);  // the purchase's escrow posting, not committed yet
                posted.countDown();
                awaitQuietly(release);
            }));
            assertThat(posted.await(30, TimeUnit.SECONDS)).isTrue();
            Future<Api.Response> applied = pool.submit(() -> checker.post(apply, null, key()));
            awaitDoneOrWaitingOnALock(applied);
            release.countDown();
            purchase.get(30, TimeUnit.SECONDS);

            var answer = applied.get(60, TimeUnit.SECONDS);
            assertThat(answer.status()).as(answer.body()).isEqualTo(409);
            assertThat(answer.code()).isEqualTo("custodian-bank-move-money-held");
            assertThat(maker.get("/api/v1/bank/merchants/" + gym.merchantId() + "/accounts").json().get("bank").asString())
                    .isEqualTo(bankA);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    /** Without the lock the apply would finish before the purchase commits; with it, it waits on the balance row. */
    private void awaitDoneOrWaitingOnALock(Future<?> call) throws InterruptedException {
        for (int i = 0; i < 300 && !call.isDone(); i++) {
            Integer waiting = jdbc.sql("select count(*) from pg_stat_activity where datname = current_database() "
                    + "and wait_event_type = 'Lock'").query(Integer.class).single();
            if (waiting > 0) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode regulatorLine(JsonNode regions, UUID merchantId) {
        for (JsonNode region : regions) {
            for (JsonNode line : region.get("merchants")) {
                if (line.get("merchantId").asString().equals(merchantId.toString())) {
                    return line;
                }
            }
        }
        throw new AssertionError("merchant " + merchantId + " not in the regulator's view");
    }

    private static List<String> kinds(JsonNode run) {
        List<String> kinds = new ArrayList<>();
        run.get("breaks").forEach(b -> kinds.add(b.get("kind").asString()));
        return kinds;
    }

    /**
     * Goal: every bank has its own adapter (its sandbox instance); a payout debiting a sub-account at bank X is filed
     * to X only (the DEFAULT bank never sees it), and one at the DEFAULT bank to the DEFAULT bank only. The whole loop
     * with two banks is {@link SeveralBanksPayoutJourneyTests}.
     */
    @Test
    void aPayoutIsSentToTheAdapterOfTheBankHoldingTheSubAccount() {
        String bankX = registerBank("X");
        AtBank elsewhere = merchantAt(bankX);
        String atDefault = exchange.subAccountOf(new TestMerchants(merchants, accounts).activeMerchant(Sector.SPORTS_FITNESS, "410200").id());
        var toX = payout(elsewhere.accountNumber());
        var toDefault = payout(atDefault);

        var receipts = exchange.sendPayouts(List.of(toX, toDefault), today());

        assertThat(receipts).hasSize(2).allSatisfy(receipt -> assertThat(receipt.acceptedCount()).isEqualTo(1));
        assertThat(sandbox.status(bankX, toX.endToEndId())).isPresent();
        assertThat(sandbox.status(toX.endToEndId())).as("the DEFAULT bank never received it").isEmpty();
        assertThat(sandbox.status(toDefault.endToEndId())).isPresent();
        assertThat(sandbox.status(bankX, toDefault.endToEndId())).isEmpty();
        assertThat(exchange.status(toX.endToEndId())).isPresent();
    }

    private static org.fangxin.bank.PayoutInstruction payout(String debtor) {
        return new org.fangxin.bank.PayoutInstruction("MBP" + SEQUENCE.incrementAndGet(), debtor, "测试商户", "开封银行",
                "6222000011112222", Money.fen(100_00), "payout");
    }
}
