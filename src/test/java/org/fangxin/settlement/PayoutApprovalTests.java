package org.fangxin.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.Ledger;
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
import tools.jackson.databind.JsonNode;

/**
 * Dual control of large payouts (threshold 50,000 yuan by default): proposed, not instructed; a second operator
 * approves (money moves then) or rejects (nothing ever moved); the maker and repeated deciders are refused.
 */
class PayoutApprovalTests extends IntegrationTest {

    static final long LARGE = 60_000_00L;

    @Autowired
    Merchants merchants;

    @Autowired
    Users accounts;

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Settlements settlements;

    @Autowired
    org.fangxin.shared.Shards shards;

    @Autowired
    org.fangxin.settlement.persistence.SettlementRepository payoutRepository;

    @Autowired
    org.fangxin.settlement.persistence.ApprovalRepository approvalRepository;

    @Autowired
    org.fangxin.shared.AuditTrail audit;

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    SettlementFixtures fixtures;
    TestMerchants.Created gym;
    UserAccount maker;
    UserAccount checker;

    @BeforeEach
    void fixtures() {
        fixtures = new SettlementFixtures(ledger, merchants, accounts, clock);
        gym = fixtures.merchant(Sector.SPORTS_FITNESS);
        fixtures.purchaseAndRedeem(gym.id(), 100_000_00L, LARGE);
    }

    /** Runs settlement for the next business day as the maker; returns the merchant's payout of that day. */
    private JsonNode runAsMaker() {
        LocalDate date = fixtures.advanceToNextBusinessDay();
        maker = users.create(Role.OPERATOR);   // fresh logins after the clock moved (a token lives 8 hours)
        checker = users.create(Role.OPERATOR);
        var run = api().as(maker).post("/api/v1/settlement/runs", Map.of("settlementDate", date.toString()), key());
        assertThat(run.status()).as(run.body()).isEqualTo(201);
        var payouts = api().as(maker).get("/api/v1/settlement/payouts?merchantId=" + gym.id()).json();
        for (JsonNode payout : payouts) {
            if (payout.get("settlementDate").asString().equals(date.toString())) {
                return payout;
            }
        }
        throw new AssertionError("no payout of " + date + " in " + payouts);
    }

    private static String key() {
        return "approval-" + UUID.randomUUID();
    }

    private static String approve(UUID payoutId) {
        return "/api/v1/settlement/approvals/" + payoutId + "/approve";
    }

    private long balance(AccountType type) {
        return fixtures.balance(type, gym.id()).amountMinor();
    }

    /**
     * Goal: a payout above the threshold is proposed AWAITING_APPROVAL with no posting (the money stays payable); a
     * second operator's approval posts payout:<id> and sends it to the bank; the decision is audited.
     */
    @Test
    void largePayoutWaitsForASecondOperatorAndMovesMoneyOnlyWhenApproved() {
        JsonNode proposed = runAsMaker();
        UUID payoutId = UUID.fromString(proposed.get("id").asString());

        assertThat(proposed.get("status").asString()).isEqualTo("AWAITING_APPROVAL");
        assertThat(proposed.get("amount").get("amountMinor").asLong()).isEqualTo(LARGE);
        assertThat(balance(AccountType.MERCHANT_PAYABLE)).isEqualTo(LARGE);
        assertThat(balance(AccountType.MERCHANT_SETTLEMENT)).isZero();
        assertThat(ledger.findTransfer("payout:" + payoutId)).isEmpty();
        JsonNode awaiting = api().as(checker).get("/api/v1/settlement/approvals").json();
        List<String> awaitingIds = new java.util.ArrayList<>();
        awaiting.forEach(a -> awaitingIds.add(a.get("payout").get("id").asString()));
        assertThat(awaitingIds).contains(payoutId.toString());

        String approvalKey = key();
        var approved = api().as(checker).post(approve(payoutId), Map.of("reason", "checked the account"), approvalKey);

        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("payout").get("status").asString()).isEqualTo("INSTRUCTED");
        assertThat(approved.json().get("payout").get("submittedAt").isNull()).isFalse();
        assertThat(approved.json().get("proposedBy").asString()).isEqualTo(maker.username());
        assertThat(balance(AccountType.MERCHANT_PAYABLE)).isZero();
        assertThat(balance(AccountType.MERCHANT_SETTLEMENT)).isEqualTo(LARGE);
        assertThat(ledger.findTransfer("payout:" + payoutId)).isPresent();
        var replay = api().as(checker).post(approve(payoutId), Map.of("reason", "checked the account"), approvalKey);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(jdbc.sql("select count(*) from audit.entry where object_id = :id and action = 'settlement.payout.approved'")
                .param("id", payoutId.toString()).query(Long.class).single()).isEqualTo(1);
    }

    /** Goal: the maker cannot approve its own payout (403); the same person twice and a late third approver get 409. */
    @Test
    void refusesTheMakerTheSamePersonTwiceAndAnApprovalAfterTheDecision() {
        UUID payoutId = UUID.fromString(runAsMaker().get("id").asString());

        var own = api().as(maker).post(approve(payoutId), Map.of(), key());
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.code()).isEqualTo("approver-is-maker");
        assertThat(balance(AccountType.MERCHANT_PAYABLE)).isEqualTo(LARGE);

        assertThat(api().as(checker).post(approve(payoutId), Map.of(), key()).status()).isEqualTo(200);
        var twice = api().as(checker).post(approve(payoutId), Map.of(), key());
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("payout-already-decided");
        var late = api().as(users.create(Role.OPERATOR)).post(approve(payoutId), Map.of(), key());
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("payout-not-awaiting-approval");
        var reject = api().as(users.create(Role.OPERATOR)).post("/api/v1/settlement/approvals/" + payoutId + "/reject",
                Map.of("reason", "too late"), key());
        assertThat(reject.status()).isEqualTo(409);
        assertThat(balance(AccountType.MERCHANT_SETTLEMENT)).isEqualTo(LARGE);
    }

    /**
     * Goal: a rejection needs a reason, ends the payout REJECTED with nothing posted (the amount is still payable),
     * a run while a payout awaits approval holds the merchant, and the next run after the rejection proposes it again.
     */
    @Test
    void rejectionLeavesTheAmountPayableAndTheNextRunProposesItAgain() {
        UUID payoutId = UUID.fromString(runAsMaker().get("id").asString());
        JsonNode heldWhileAwaiting = runAsMaker();
        assertThat(heldWhileAwaiting.get("status").asString()).isEqualTo("HELD");
        assertThat(heldWhileAwaiting.get("holdReason").asString()).isEqualTo(Settlements.AWAITING_APPROVAL_HOLD);
        String reject = "/api/v1/settlement/approvals/" + payoutId + "/reject";

        var noReason = api().as(checker).post(reject, Map.of(), key());
        var rejected = api().as(checker).post(reject, Map.of("reason", "creditor account looks wrong"), key());

        assertThat(noReason.status()).isEqualTo(400);
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.json().get("payout").get("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.json().get("decisions").get(0).get("reason").asString()).isEqualTo("creditor account looks wrong");
        assertThat(ledger.findTransfer("payout:" + payoutId)).isEmpty();
        assertThat(balance(AccountType.MERCHANT_PAYABLE)).isEqualTo(LARGE);
        assertThat(balance(AccountType.MERCHANT_SETTLEMENT)).isZero();
        assertThat(jdbc.sql("select count(*) from audit.entry where object_id = :id and action = 'settlement.payout.rejected'")
                .param("id", payoutId.toString()).query(Long.class).single()).isEqualTo(1);

        JsonNode again = runAsMaker();
        assertThat(again.get("status").asString()).isEqualTo("AWAITING_APPROVAL");
        assertThat(again.get("amount").get("amountMinor").asLong()).isEqualTo(LARGE);
    }

    /** Goal: a payout at or under the threshold is instructed at once, as before dual control. */
    @Test
    void payoutUnderTheThresholdIsInstructedAtOnce() {
        var small = fixtures.merchant(Sector.BEAUTY);
        fixtures.purchaseAndRedeem(small.id(), 1_000_00L, 400_00L);
        runAsMaker();

        JsonNode payouts = api().as(maker).get("/api/v1/settlement/payouts?merchantId=" + small.id()).json();
        assertThat(payouts.get(0).get("status").asString()).isEqualTo("INSTRUCTED");
        assertThat(fixtures.balance(AccountType.MERCHANT_SETTLEMENT, small.id())).isEqualTo(Money.fen(400_00L));
    }

    /** Goal: only operators decide (the bank only when configured, off by default); an unknown payout is 404. */
    @Test
    void onlyOperatorsDecideAndUnknownPayoutsAreNotFound() {
        UUID payoutId = UUID.fromString(runAsMaker().get("id").asString());
        for (Api caller : List.of(api().as(gym.owner()), api().as(users.create(Role.BANK)), api().as(users.create(Role.CONSUMER)),
                api().as(users.create(Role.REGULATOR)))) {
            assertThat(caller.get("/api/v1/settlement/approvals").status()).isEqualTo(403);
            assertThat(caller.post(approve(payoutId), Map.of(), key()).status()).isEqualTo(403);
        }
        assertThat(api().post(approve(payoutId), Map.of(), key()).status()).isEqualTo(401);
        assertThat(api().as(checker).post(approve(UUID.randomUUID()), Map.of(), key()).status()).isEqualTo(404);
        assertThat(api().as(checker).post(approve(payoutId), Map.of(), null).status()).isEqualTo(400);
        assertThat(balance(AccountType.MERCHANT_PAYABLE)).isEqualTo(LARGE);
    }

    /**
     * Goal: when the bank's approval is configured, an operator's approval alone instructs nothing; the bank's
     * approval completes it (either order), and the bank cannot approve twice. (A second facade instance with the
     * setting on, over the same beans, instead of a second Spring context.)
     */
    @Test
    void withBankApprovalConfiguredThePayoutWaitsForTheBankToo() {
        var withBank = new PayoutApprovals(payoutRepository, approvalRepository, settlements, new DualControl(50_000, true),
                bankScope, ledger, audit, clock, transactions, shards);
        UUID payoutId = UUID.fromString(runAsMaker().get("id").asString());
        var bank = users.create(Role.BANK).actor();

        PayoutApprovalView afterOperator = withBank.approve(checker.actor(), payoutId, null);
        assertThat(afterOperator.payout().status()).isEqualTo(PayoutStatus.AWAITING_APPROVAL);
        assertThat(ledger.findTransfer("payout:" + payoutId)).isEmpty();
        assertThat(balance(AccountType.MERCHANT_PAYABLE)).isEqualTo(LARGE);

        PayoutApprovalView afterBank = withBank.approve(bank, payoutId, "within the supervision agreement");
        assertThat(afterBank.payout().status()).isEqualTo(PayoutStatus.INSTRUCTED);
        assertThat(afterBank.decisions()).extracting(PayoutApprovalView.Decision::role).containsExactlyInAnyOrder("OPERATOR", "BANK");
        assertThat(balance(AccountType.MERCHANT_SETTLEMENT)).isEqualTo(LARGE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> withBank.approve(bank, payoutId, null))
                .isInstanceOfSatisfying(org.fangxin.shared.Rejection.class,
                        r -> assertThat(r.type()).isEqualTo(PayoutApprovals.ALREADY_DECIDED));
    }

    @Autowired
    org.fangxin.bank.BankScope bankScope;

    /**
     * Goal (issue 13): with the bank's approval configured, a BANK user of another custodian bank neither lists, reads
     * nor decides a payout of a merchant at the DEFAULT bank (404), while the DEFAULT bank's user sees it. (A second
     * facade instance with the setting on, as above.)
     */
    @Test
    void aBankUserOfAnotherCustodianBankNeitherSeesNorDecidesThePayout() {
        var withBank = new PayoutApprovals(payoutRepository, approvalRepository, settlements, new DualControl(50_000, true),
                bankScope, ledger, audit, clock, transactions, shards);
        UUID payoutId = UUID.fromString(runAsMaker().get("id").asString());
        UserAccount elsewhere = users.create(Role.BANK);
        registerBank("AP", elsewhere);
        var otherBank = elsewhere.actor();
        var ownBank = users.create(Role.BANK).actor();

        assertThat(withBank.payout(ownBank, payoutId).payout().id()).isEqualTo(payoutId);
        assertThat(withBank.awaiting(otherBank, 0, 100)).noneMatch(a -> a.payout().id().equals(payoutId));
        assertNotFound(() -> withBank.payout(otherBank, payoutId));
        assertNotFound(() -> withBank.approve(otherBank, payoutId, "not ours"));
        assertNotFound(() -> withBank.reject(otherBank, payoutId, "not ours"));
        assertThat(ledger.findTransfer("payout:" + payoutId)).isEmpty();
        assertThat(withBank.payout(ownBank, payoutId).decisions()).isEmpty();
    }

    /**
     * Goal: a BANK user's page of payouts awaiting approval is cut from its own bank's payouts, not filtered after
     * cutting: when an older payout of another bank comes first, a page of one still holds the bank's own payout.
     */
    @Test
    void aBankUsersPageHoldsItsOwnPayoutsEvenWhenOlderOnesOfOtherBanksComeFirst() {
        var withBank = new PayoutApprovals(payoutRepository, approvalRepository, settlements, new DualControl(50_000, true),
                bankScope, ledger, audit, clock, transactions, shards);
        TestMerchants.Created second = fixtures.merchant(Sector.SPORTS_FITNESS);
        fixtures.purchaseAndRedeem(second.id(), 100_000_00L, LARGE);
        runAsMaker();
        List<UUID> awaiting = jdbc.sql("""
                select id from settlement.payout where status = 'AWAITING_APPROVAL' and merchant_id in (:a, :b)
                 order by created_at, id""").param("a", gym.id()).param("b", second.id()).query(UUID.class).list();
        assertThat(awaiting).hasSize(2);
        UUID younger = awaiting.get(1);
        UUID youngerMerchant = jdbc.sql("select merchant_id from settlement.payout where id = :id").param("id", younger)
                .query(UUID.class).single();
        UserAccount member = users.create(Role.BANK);
        String code = registerBank("PG", member);
        // The merchant's custody moves to the new bank (a fixture shortcut for the two-person move process).
        jdbc.sql("update bank.custody_sub_account set bank_code = :code where merchant_id = :m")
                .param("code", code).param("m", youngerMerchant).update();

        assertThat(withBank.awaiting(member.actor(), 0, 1)).extracting(a -> a.payout().id()).containsExactly(younger);
        assertThat(withBank.awaiting(member.actor(), 1, 1)).isEmpty();
    }

    /** Registers a new custodian bank (code: prefix + digits) through the API, with {@code member} as its user. */
    private String registerBank(String prefix, UserAccount member) {
        Api operator = api().as(checker);
        String code = prefix + Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 100_000_000L);
        assertThat(operator.post("/api/v1/bank/custodian-banks", Map.of("code", code, "nameZh", "托管银行" + code,
                "nameEn", "Custodian bank " + code, "custodyAccount", "CUST-" + code), key()).status()).isEqualTo(201);
        assertThat(operator.post("/api/v1/bank/custodian-banks/" + code + "/members",
                Map.of("userId", member.id().toString()), key()).status()).isEqualTo(200);
        return code;
    }

    private static void assertNotFound(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        org.assertj.core.api.Assertions.assertThatThrownBy(call).isInstanceOfSatisfying(org.fangxin.shared.Rejection.class,
                r -> assertThat(r.type().status()).isEqualTo(404));
    }

}
