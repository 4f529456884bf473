package org.fangxin.insurance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Role;
import org.fangxin.ledger.AccountType;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.fangxin.testing.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Claims: filing with limits, the insurer's line decisions, payment, and the postings of each step. */
class ClaimsTests extends InsuranceTest {

    @Autowired
    AuditTrail audit;

    CompensationLedger compensation;

    @BeforeEach
    void fixtures() {
        compensation = new CompensationLedger(ledger);
    }

    private NewClaim.Line line(Insured insured, UUID consumer, long fundFen) {
        UUID card = compensation.fundPaid(insured.caseId(), insured.merchant().id(), fundFen);
        return new NewClaim.Line(card, consumer, Money.fen(fundFen));
    }

    private NewClaim claim(Insured insured, List<NewClaim.Line> lines) {
        return new NewClaim(insured.caseId(), insured.merchant().id(), ClosureTrigger.CLOSURE_CONFIRMED, policies.today(),
                lines);
    }

    @Test
    void capsAConsumersLinesByThePerConsumerLimitAndFilesEachCaseOnce() {
        var insured = insuredGym(Money.yuan(50_000));
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        // per-consumer limit 5,000 yuan: alice's two cards share it
        var request = claim(insured, List.of(line(insured, alice, 300_000), line(insured, alice, 300_000),
                line(insured, bob, 100_000)));

        ClaimView claim = claims.file(request);

        assertThat(claim.status()).isEqualTo(ClaimStatus.FILED);
        assertThat(claim.policyId()).isEqualTo(insured.policy().id());
        assertThat(claim.insurerId()).isEqualTo(insured.insurer().insurer().id());
        assertThat(claim.claimed()).isEqualTo(Money.fen(700_000));
        assertThat(claim.covered()).isEqualTo(Money.fen(600_000));
        assertThat(claim.lines()).extracting(l -> l.covered().amountMinor()).containsExactly(300_000L, 200_000L, 100_000L);
        assertThat(claim.lines()).extracting(ClaimView.Line::capReason)
                .containsExactly(null, CapReason.PER_CONSUMER_LIMIT, null);
        // filing the case again (a redelivered event) returns the same claim and files nothing more
        assertThat(claims.file(request).id()).isEqualTo(claim.id());
        assertThat(claims.ofCase(insured.caseId()).orElseThrow().id()).isEqualTo(claim.id());
        assertThat(audit.history("insurance-claim", claim.id().toString(), 10)).extracting(AuditTrail.Entry::action)
                .containsExactly("insurance.claim.filed");
    }

    @Test
    void capsByWhatIsLeftOfThePerMerchantLimitThisPolicyYear() {
        var insured = insuredGym(Money.yuan(4_000));
        UUID alice = UUID.randomUUID();
        ClaimView claim = claims.file(claim(insured, List.of(line(insured, alice, 300_000),
                line(insured, UUID.randomUUID(), 300_000))));
        assertThat(claim.covered()).isEqualTo(Money.fen(400_000));
        assertThat(claim.lines().get(1).capReason()).isEqualTo(CapReason.PER_MERCHANT_LIMIT);
        assertThat(claim.lines().get(1).covered()).isEqualTo(Money.fen(100_000));
    }

    @Test
    void capsByWhatIsLeftOfTheAggregateLimitAndARejectionFreesIt() {
        var insurer = fixtures.insurer(120, Money.yuan(50_000));
        var rates = Arrays.stream(Sector.values()).map(s -> new ProductRate(s, RiskTier.B, 100)).toList();
        var small = insurers.defineProduct(insurer.login().actor(), new NewProduct(null, "小额 small " + UUID.randomUUID(),
                EnumSet.of(ClosureTrigger.CLOSURE_CONFIRMED), rates, Money.yuan(5_000), Money.yuan(5_000), Money.yuan(5_000)));
        var first = testMerchants.activeMerchant(Sector.EDUCATION, "410200");
        var second = testMerchants.activeMerchant(Sector.EDUCATION, "410200");
        var third = testMerchants.activeMerchant(Sector.EDUCATION, "410200");
        var policy = fixtures.policy(small, PolicyScope.GROUP, List.of(first.id(), second.id(), third.id()), null,
                new CostSharing(0, 10_000, 0));
        var a = new Insured(insurer, first, policy, UUID.randomUUID());
        var b = new Insured(insurer, second, policy, UUID.randomUUID());
        var c = new Insured(insurer, third, policy, UUID.randomUUID());

        ClaimView claimA = claims.file(claim(a, List.of(line(a, UUID.randomUUID(), 400_000))));
        ClaimView claimB = claims.file(claim(b, List.of(line(b, UUID.randomUUID(), 300_000))));
        assertThat(claimA.covered()).isEqualTo(Money.fen(400_000));
        assertThat(claimB.covered()).isEqualTo(Money.fen(100_000));
        assertThat(claimB.lines().get(0).capReason()).isEqualTo(CapReason.AGGREGATE_LIMIT);

        claims.reject(insurer.login().actor(), claimA.id(), "暂停营业非保险责任 not covered");
        ClaimView claimC = claims.file(claim(c, List.of(line(c, UUID.randomUUID(), 350_000))));
        assertThat(claimC.covered()).isEqualTo(Money.fen(350_000)); // 5,000 − 0 (A rejected) − 1,000 (B under review)
    }

    @Test
    void recordsAClaimWithoutACoveringPolicyAsUninsuredAndLeavesTheReceivable() {
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        var uninsured = new Insured(null, gym, null, UUID.randomUUID());
        ClaimView claim = claims.file(claim(uninsured, List.of(line(uninsured, UUID.randomUUID(), 80_000))));

        assertThat(claim.status()).isEqualTo(ClaimStatus.UNINSURED);
        assertThat(claim.uninsuredReason()).isEqualTo(UninsuredReason.NO_POLICY);
        assertThat(claim.covered()).isEqualTo(Money.fen(0));
        assertThat(compensation.balance(AccountType.SUBROGATION_RECEIVABLE, gym.id())).isEqualTo(Money.fen(80_000));
        assertThat(ledger.findTransfer("claim-approved:" + uninsured.caseId() + ":" + claim.id())).isEmpty();
        // an insurer cannot see it; an operator can
        assertThat(api().as(users.create(Role.INSURER)).get("/api/v1/insurance/claims/" + claim.id()).status()).isEqualTo(404);
        assertThat(api().as(users.create(Role.OPERATOR)).get("/api/v1/insurance/claims/" + claim.id()).json()
                .get("status").asString()).isEqualTo("UNINSURED");
    }

    @Test
    void aPartlyApprovedClaimMovesTheApprovedPartToTheInsurerAndItsPaymentReimbursesTheFund() {
        var insured = insuredGym(Money.yuan(50_000));
        var full = line(insured, UUID.randomUUID(), 120_000);
        var less = line(insured, UUID.randomUUID(), 80_000);
        var none = line(insured, UUID.randomUUID(), 50_000);
        ClaimView claim = claims.file(claim(insured, List.of(full, less, none)));
        Money fundBefore = compensation.balance(AccountType.PLATFORM_GUARANTEE_FUND, null);
        UUID merchant = insured.merchant().id();
        assertThat(compensation.balance(AccountType.SUBROGATION_RECEIVABLE, merchant)).isEqualTo(Money.fen(250_000));
        Api insurer = api().as(insured.insurer().login());

        var queue = insurer.get("/api/v1/insurance/claims?status=FILED");
        assertThat(queue.body()).contains(claim.id().toString());
        assertThat(insurer.post("/api/v1/insurance/claims/" + claim.id() + "/review", Map.of(), "rv-" + UUID.randomUUID())
                .json().get("status").asString()).isEqualTo("UNDER_REVIEW");
        var line = insurer.post("/api/v1/insurance/claims/" + claim.id() + "/lines/" + less.cardId() + "/decision",
                Map.of("decision", "REDUCED", "amount", Map.of("amountMinor", 60_000, "currency", "CNY"),
                        "reason", "两节课已上"), "ln-" + UUID.randomUUID());
        assertThat(line.status()).isEqualTo(200);
        String decisionKey = "dc-" + UUID.randomUUID();
        Map<String, Object> decision = Map.of("lines", List.of(
                Map.of("cardId", full.cardId().toString(), "decision", "APPROVED"),
                Map.of("cardId", none.cardId().toString(), "decision", "REJECTED", "reason", "卡已过期")));
        var decided = insurer.post("/api/v1/insurance/claims/" + claim.id() + "/decision", decision, decisionKey);

        assertThat(decided.status()).isEqualTo(200);
        assertThat(decided.json().get("status").asString()).isEqualTo("DECIDED");
        assertThat(decided.json().get("outcome").asString()).isEqualTo("PARTLY_APPROVED");
        assertThat(decided.json().get("approved").get("amountMinor").asLong()).isEqualTo(180_000);
        String approvedKey = "claim-approved:" + insured.caseId() + ":" + claim.id();
        assertThat(amount(approvedKey)).isEqualTo(180_000);
        assertThat(compensation.balance(AccountType.INSURER_RECEIVABLE, insured.insurer().insurer().id()))
                .isEqualTo(Money.fen(180_000));
        assertThat(compensation.balance(AccountType.SUBROGATION_RECEIVABLE, merchant)).isEqualTo(Money.fen(70_000));
        // a retry with the same key replays the answer and books nothing more
        var replay = insurer.post("/api/v1/insurance/claims/" + claim.id() + "/decision", decision, decisionKey);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(insurer.post("/api/v1/insurance/claims/" + claim.id() + "/decision", Map.of("lines", List.of()),
                "dc-" + UUID.randomUUID()).code()).isEqualTo("claim-decided");

        var paid = insurer.post("/api/v1/insurance/claims/" + claim.id() + "/payment", Map.of("reference", "PICC-2026-001"),
                "pay-" + UUID.randomUUID());
        assertThat(paid.json().get("status").asString()).isEqualTo("PAID");
        assertThat(amount("claim-paid:" + insured.caseId() + ":" + claim.id())).isEqualTo(180_000);
        assertThat(compensation.balance(AccountType.PLATFORM_GUARANTEE_FUND, null)).isEqualTo(fundBefore.plus(Money.fen(180_000)));
        assertThat(compensation.balance(AccountType.INSURER_RECEIVABLE, insured.insurer().insurer().id())).isEqualTo(Money.fen(0));
        assertThat(insurer.post("/api/v1/insurance/claims/" + claim.id() + "/payment", Map.of(), "pay-" + UUID.randomUUID())
                .code()).isEqualTo("claim-not-payable");
        assertThat(audit.history("insurance-claim", claim.id().toString(), 20)).extracting(AuditTrail.Entry::action)
                .contains("insurance.claim.filed", "insurance.claim.under-review", "insurance.claim.line-decided",
                        "insurance.claim.decided", "insurance.claim.paid");
        assertThat(ledger.checkInvariants().holds()).isTrue();
    }

    @Test
    void aRejectedClaimBooksNothingAndCannotBePaid() {
        var insured = insuredGym(Money.yuan(50_000));
        ClaimView claim = claims.file(claim(insured, List.of(line(insured, UUID.randomUUID(), 90_000))));
        var actor = insured.insurer().login().actor();

        assertThatThrownBy(() -> claims.reject(actor, claim.id(), " ")).isInstanceOf(Rejection.class)
                .hasMessageContaining("why");
        ClaimView rejected = claims.reject(actor, claim.id(), "未经确认的闭店 closure not proven");

        assertThat(rejected.outcome()).isEqualTo(ClaimOutcome.REJECTED);
        assertThat(rejected.rejectReason()).isEqualTo("未经确认的闭店 closure not proven");
        assertThat(rejected.lines().get(0).decision()).isEqualTo(LineDecision.REJECTED);
        assertThat(ledger.findTransfer("claim-approved:" + insured.caseId() + ":" + claim.id())).isEmpty();
        assertThat(compensation.balance(AccountType.SUBROGATION_RECEIVABLE, insured.merchant().id())).isEqualTo(Money.fen(90_000));
        var operator = api().as(users.create(Role.OPERATOR));
        assertThat(operator.post("/api/v1/insurance/claims/" + claim.id() + "/payment", Map.of(), "p-" + UUID.randomUUID())
                .code()).isEqualTo("claim-not-payable");
    }

    @Test
    void refusesIncompleteOrUnexplainedDecisionsAndWritesNothing() {
        var insured = insuredGym(Money.yuan(50_000));
        var first = line(insured, UUID.randomUUID(), 100_000);
        var second = line(insured, UUID.randomUUID(), 100_000);
        ClaimView claim = claims.file(claim(insured, List.of(first, second)));
        Api insurer = api().as(insured.insurer().login());
        String path = "/api/v1/insurance/claims/" + claim.id() + "/decision";

        var unexplained = insurer.post(path, Map.of("lines", List.of(
                Map.of("cardId", first.cardId().toString(), "decision", "APPROVED"),
                Map.of("cardId", second.cardId().toString(), "decision", "REDUCED",
                        "amount", Map.of("amountMinor", 50_000, "currency", "CNY")))), "d-" + UUID.randomUUID());
        assertThat(unexplained.status()).isEqualTo(400);
        assertThat(unexplained.code()).isEqualTo("invalid-input");
        var tooMuch = insurer.post(path, Map.of("lines", List.of(
                Map.of("cardId", first.cardId().toString(), "decision", "REDUCED", "reason", "too much",
                        "amount", Map.of("amountMinor", 100_000, "currency", "CNY")))), "d-" + UUID.randomUUID());
        assertThat(tooMuch.code()).isEqualTo("invalid-input");
        var incomplete = insurer.post(path, Map.of("lines", List.of(
                Map.of("cardId", first.cardId().toString(), "decision", "APPROVED"))), "d-" + UUID.randomUUID());
        assertThat(incomplete.status()).isEqualTo(409);
        assertThat(incomplete.code()).isEqualTo("claim-lines-undecided");
        assertThat(insurer.post(path, Map.of("lines", List.of()), null).code()).isEqualTo("idempotency-key-missing");
        var unknownLine = insurer.post("/api/v1/insurance/claims/" + claim.id() + "/lines/" + UUID.randomUUID() + "/decision",
                Map.of("decision", "APPROVED"), "l-" + UUID.randomUUID());
        assertThat(unknownLine.status()).isEqualTo(404);

        ClaimView after = claims.view(fixtures.operator(), claim.id());
        assertThat(after.status()).isEqualTo(ClaimStatus.FILED);
        assertThat(after.lines()).allSatisfy(l -> assertThat(l.decision()).isNull());
        assertThat(ledger.findTransfer("claim-approved:" + insured.caseId() + ":" + claim.id())).isEmpty();
    }

    @Test
    void onlyTheClaimsInsurerDecidesItOthersGetNotFoundOrForbidden() {
        var insured = insuredGym(Money.yuan(50_000));
        var only = line(insured, UUID.randomUUID(), 10_000);
        ClaimView claim = claims.file(claim(insured, List.of(only)));
        var otherInsurer = fixtures.insurer(100, Money.yuan(1_000));
        String path = "/api/v1/insurance/claims/" + claim.id();
        Map<String, Object> approve = Map.of("lines", List.of(Map.of("cardId", only.cardId().toString(), "decision", "APPROVED")));

        assertThat(api().as(otherInsurer.login()).get(path).status()).isEqualTo(404);
        assertThat(api().as(otherInsurer.login()).get("/api/v1/insurance/claims").body()).doesNotContain(claim.id().toString());
        assertThat(api().as(otherInsurer.login()).post(path + "/decision", approve, "x-" + UUID.randomUUID()).status())
                .isEqualTo(404);
        var regulator = api().as(users.create(Role.REGULATOR));
        assertThat(regulator.get(path).status()).isEqualTo(200);
        assertThat(regulator.post(path + "/decision", approve, "x-" + UUID.randomUUID()).status()).isEqualTo(403);
        assertThat(api().as(users.create(Role.OPERATOR)).post(path + "/decision", approve, "x-" + UUID.randomUUID()).status())
                .isEqualTo(403);
        assertThat(api().as(insured.merchant().owner()).get(path).status()).isEqualTo(403);
        assertThat(api().as(users.create(Role.CONSUMER)).get("/api/v1/insurance/claims").status()).isEqualTo(403);
        assertThat(api().get(path).status()).isEqualTo(401);
    }

    @Test
    void theLossRatioIsApprovedClaimsOverPremiumBilled() {
        var insured = insuredGym(Money.yuan(50_000));
        UUID merchant = insured.merchant().id();
        var only = line(insured, UUID.randomUUID(), 12_345);
        ClaimView claim = claims.file(claim(insured, List.of(only)));
        claims.decide(insured.insurer().login().actor(), claim.id(), List.of(new ClaimLineDecision(only.cardId(),
                LineDecision.APPROVED, null, null)));
        new org.fangxin.testing.TestExposure(ledger).advance(merchant, 5_000_000, 3_000_000);
        // 30,000 yuan exposure × 1.2 % / 12 = 30 yuan premium; 123.45 / 30.00 = 411.50 %
        var bills = premiumsRun();
        assertThat(bills).isTrue();

        var ratio = claimFigures.lossRatios(insured.insurer().login().actor()).get(insured.policy().id());
        assertThat(ratio.claimsApproved()).isEqualTo(Money.fen(12_345));
        assertThat(ratio.premiumBilled()).isEqualTo(Money.fen(3_000));
        assertThat(ratio.lossRatioBps()).isEqualTo(41_150L);
        assertThat(ratio.percent()).isEqualTo("411.50 %");
    }

    @Test
    void anOperatorFilesACaseByHandOnceAndBadClaimsAreRefused() {
        var insured = insuredGym(Money.yuan(50_000));
        var only = line(insured, UUID.randomUUID(), 40_000);
        Map<String, Object> body = Map.of("caseId", insured.caseId().toString(), "merchantId", insured.merchant().id().toString(),
                "trigger", "CLOSURE_CONFIRMED", "closedOn", policies.today().toString(),
                "lines", List.of(Map.of("cardId", only.cardId().toString(), "consumerId", only.consumerId().toString(),
                        "claimed", Map.of("amountMinor", 40_000, "currency", "CNY"))));
        Api operator = api().as(users.create(Role.OPERATOR));

        var filed = operator.post("/api/v1/insurance/claims", body, "f-" + UUID.randomUUID());
        assertThat(filed.status()).isEqualTo(201);
        assertThat(filed.json().get("covered").get("amountMinor").asLong()).isEqualTo(40_000);
        var again = operator.post("/api/v1/insurance/claims", body, "f-" + UUID.randomUUID());
        assertThat(again.json().get("id").asString()).isEqualTo(filed.json().get("id").asString());

        var noLines = new java.util.HashMap<>(body);
        noLines.put("caseId", UUID.randomUUID().toString());
        noLines.put("lines", List.of());
        assertThat(operator.post("/api/v1/insurance/claims", noLines, "f-" + UUID.randomUUID()).code()).isEqualTo("invalid-input");
        var negative = new java.util.HashMap<>(body);
        negative.put("caseId", UUID.randomUUID().toString());
        negative.put("lines", List.of(Map.of("cardId", UUID.randomUUID().toString(),
                "claimed", Map.of("amountMinor", -5, "currency", "CNY"))));
        assertThat(operator.post("/api/v1/insurance/claims", negative, "f-" + UUID.randomUUID()).status()).isEqualTo(400);
        assertThat(api().as(insured.insurer().login()).post("/api/v1/insurance/claims", body, "f-" + UUID.randomUUID())
                .status()).isEqualTo(403);
    }

    /** Issue 13, item 10: a claim stands only on what the guarantee fund paid in that closure case, per the ledger. */
    @Test
    void refusesAClaimForACaseTheFundPaidNothingInOrForMoreThanItPaid() {
        var insured = insuredGym(Money.yuan(50_000));
        var paid = line(insured, UUID.randomUUID(), 40_000);
        Api operator = api().as(users.create(Role.OPERATOR));
        UUID noSuchCase = UUID.randomUUID();
        Map<String, Object> invented = Map.of("caseId", noSuchCase.toString(), "merchantId", insured.merchant().id().toString(),
                "trigger", "CLOSURE_CONFIRMED", "closedOn", policies.today().toString(),
                "lines", List.of(Map.of("cardId", UUID.randomUUID().toString(), "consumerId", UUID.randomUUID().toString(),
                        "claimed", Map.of("amountMinor", 40_000, "currency", "CNY"))));

        var unknown = operator.post("/api/v1/insurance/claims", invented, "f-" + UUID.randomUUID());

        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.code()).isEqualTo("claim-case-unknown");
        assertThat(claims.ofCase(noSuchCase)).isEmpty();

        var tooMuch = new NewClaim.Line(paid.cardId(), paid.consumerId(), Money.fen(40_001));
        assertThatThrownBy(() -> claims.file(claim(insured, List.of(tooMuch))))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.type().slug()).isEqualTo("claim-line-not-funded"));
        var otherCard = new NewClaim.Line(UUID.randomUUID(), paid.consumerId(), Money.fen(100));
        assertThatThrownBy(() -> claims.file(claim(insured, List.of(paid, otherCard))))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.type().slug()).isEqualTo("claim-line-not-funded"));
        var otherMerchant = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        assertThatThrownBy(() -> claims.file(new NewClaim(insured.caseId(), otherMerchant.id(), ClosureTrigger.CLOSURE_CONFIRMED,
                policies.today(), List.of(paid))))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.type().slug()).isEqualTo("claim-case-unknown"));
        assertThat(claims.ofCase(insured.caseId())).isEmpty();

        assertThat(claims.file(claim(insured, List.of(paid))).covered()).isEqualTo(Money.fen(40_000));
    }

    @Test
    void twoFilingsOfOneCaseAtOnceFileOneClaim() throws Exception {
        var insured = insuredGym(Money.yuan(50_000));
        var request = claim(insured, List.of(line(insured, UUID.randomUUID(), 10_000)));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            var first = pool.submit(() -> {
                start.await();
                return claims.file(request).id();
            });
            var second = pool.submit(() -> {
                start.await();
                return claims.file(request).id();
            });
            start.countDown();
            assertThat(first.get(60, java.util.concurrent.TimeUnit.SECONDS))
                    .isEqualTo(second.get(60, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void anApprovalLargerThanWhatTheMerchantStillOwesIsRefusedAndNothingChanges() {
        var insured = insuredGym(Money.yuan(50_000));
        var only = line(insured, UUID.randomUUID(), 50_000);
        ClaimView claim = claims.file(claim(insured, List.of(only)));
        // meanwhile 30,000 fen were recovered from the merchant (closure contract: subrogation-recovered)
        var fund = ledger.open(AccountType.PLATFORM_GUARANTEE_FUND, null, Money.CNY).id();
        var subrogation = ledger.open(AccountType.SUBROGATION_RECEIVABLE, insured.merchant().id(), Money.CNY).id();
        ledger.post(org.fangxin.ledger.NewTransfer.of("subrogation-recovered:" + insured.caseId() + ":" + UUID.randomUUID(),
                "test recovery", org.fangxin.ledger.EntryLine.debit(fund, Money.fen(30_000)),
                org.fangxin.ledger.EntryLine.credit(subrogation, Money.fen(30_000))));
        Api insurer = api().as(insured.insurer().login());

        var refused = insurer.post("/api/v1/insurance/claims/" + claim.id() + "/decision", Map.of("lines", List.of(
                Map.of("cardId", only.cardId().toString(), "decision", "APPROVED"))), "d-" + UUID.randomUUID());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("insufficient-balance");
        ClaimView after = claims.view(fixtures.operator(), claim.id());
        assertThat(after.status()).isEqualTo(ClaimStatus.FILED);
        assertThat(after.lines().get(0).decision()).isNull();
        // approving what is still owed passes
        var reduced = insurer.post("/api/v1/insurance/claims/" + claim.id() + "/decision", Map.of("lines", List.of(
                Map.of("cardId", only.cardId().toString(), "decision", "REDUCED", "reason", "部分已向商户追回 partly recovered",
                        "amount", Map.of("amountMinor", 20_000, "currency", "CNY")))), "d-" + UUID.randomUUID());
        assertThat(reduced.json().get("outcome").asString()).isEqualTo("PARTLY_APPROVED");
        assertThat(compensation.balance(AccountType.SUBROGATION_RECEIVABLE, insured.merchant().id())).isEqualTo(Money.fen(0));
    }

    private boolean premiumsRun() {
        return !premiums.billPeriod(java.time.YearMonth.from(policies.today()), "test").isEmpty();
    }
}
