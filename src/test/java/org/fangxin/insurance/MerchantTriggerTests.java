package org.fangxin.insurance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.compensation.CompensationCompleted;
import org.fangxin.compensation.CompensationCompleted.FundedLine;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.merchant.Sector;
import org.fangxin.protection.ClosureSource;
import org.fangxin.protection.ClosureStatus;
import org.fangxin.protection.Closures;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.FormSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 10 item 3: an operator records a licence revocation or a bankruptcy (API and page); the record opens the
 * merchant's closure case, and the closure claim of that case is filed under the trigger when the covering policy
 * insures it (else as a confirmed closure).
 */
class MerchantTriggerTests extends InsuranceTest {

    @Autowired Closures closures;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate transactions;
    @Autowired MerchantTriggers triggers;
    @Autowired org.springframework.context.ApplicationContext context;

    @Test
    void aRevokedLicenceOpensTheClosureCaseAndTheClaimIsFiledUnderThatTrigger() {
        Insured insured = insuredGym(Money.yuan(50_000));
        UserAccount operator = users.create(Role.OPERATOR);
        Api.Response recorded = record(operator, insured.merchant().id(), "LICENCE_REVOKED", "汴市监吊字〔2026〕"
                + UUID.randomUUID().toString().substring(0, 6));
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        UUID caseId = UUID.fromString(recorded.json().get("closureCaseId").asString());
        var opened = closures.find(caseId).orElseThrow();
        assertThat(opened.status()).isEqualTo(ClosureStatus.SUSPECTED);
        assertThat(opened.source()).isEqualTo(ClosureSource.MARKED);
        assertThat(opened.merchantId()).isEqualTo(insured.merchant().id());

        ClaimView claim = compensationCompletes(caseId, insured.merchant().id());
        assertThat(claim.trigger()).isEqualTo(ClosureTrigger.LICENCE_REVOKED);
        assertThat(claim.status()).isEqualTo(ClaimStatus.FILED);
        assertThat(claim.policyId()).isEqualTo(insured.policy().id());
    }

    @Test
    void aBankruptcyJoinsTheOpenCaseOnceAndAnUninsuredMerchantsClaimStaysAClosureClaim() {
        Insured insured = insuredGym(Money.yuan(50_000));
        UserAccount operator = users.create(Role.OPERATOR);
        String reference = "(2026)豫02破" + UUID.randomUUID().toString().substring(0, 6);
        Api.Response first = record(operator, insured.merchant().id(), "BANKRUPTCY", reference);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        Api.Response again = record(operator, insured.merchant().id(), "BANKRUPTCY", reference);
        assertThat(again.json().get("id").asString()).as("the same record, not a second").isEqualTo(first.json().get("id").asString());
        UUID caseId = UUID.fromString(first.json().get("closureCaseId").asString());
        Api.Response revoked = record(operator, insured.merchant().id(), "LICENCE_REVOKED", "R-" + UUID.randomUUID());
        assertThat(revoked.json().get("closureCaseId").asString()).as("joins the open case").isEqualTo(caseId.toString());
        assertThat(compensationCompletes(caseId, insured.merchant().id()).trigger()).as("the first recorded, insured")
                .isEqualTo(ClosureTrigger.BANKRUPTCY);

        var uninsured = testMerchants.activeMerchant(Sector.BEAUTY, "410200");
        Api.Response other = record(operator, uninsured.id(), "BANKRUPTCY", "(2026)豫02破" + UUID.randomUUID().toString().substring(0, 6));
        ClaimView claim = compensationCompletes(UUID.fromString(other.json().get("closureCaseId").asString()), uninsured.id());
        assertThat(claim.status()).isEqualTo(ClaimStatus.UNINSURED);
        assertThat(claim.trigger()).isEqualTo(ClosureTrigger.CLOSURE_CONFIRMED);
    }

    @Test
    void aCourtFeedsBankruptcyAndTheCreditSystemsRevocationStartTheClosurePathOnce() {
        Insured insured = insuredGym(Money.yuan(50_000));
        var feeds = context.getBean(org.fangxin.risk.RiskFeeds.class);
        String code = insured.merchant().merchant().creditCode();
        String reference = "(2026)豫02破申" + UUID.randomUUID().toString().substring(0, 6);
        String csv = "creditCode,type,period,value,status,reference,note\n" + code + ",BANKRUPTCY," + today() + ",,,"
                + reference + ",法院裁定受理破产申请\n";
        var operator = users.create(Role.OPERATOR).actor();
        feeds.upload(operator, "开封市中级人民法院", "court-" + reference.hashCode() + ".csv",
                org.fangxin.risk.feed.FeedParser.Format.CSV, csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        UUID caseId = closures.freezingCase(insured.merchant().id()).orElseThrow();
        assertThat(closures.find(caseId).orElseThrow().source()).isEqualTo(ClosureSource.AUTOMATIC);
        assertThat(triggers.list(operator, 200)).filteredOn(e -> e.reference().equals(reference)).singleElement()
                .satisfies(e -> {
                    assertThat(e.trigger()).isEqualTo(ClosureTrigger.BANKRUPTCY);
                    assertThat(e.closureCaseId()).isEqualTo(caseId);
                    assertThat(e.recordedBy()).isEqualTo("system:risk-feed");
                });
        // the same record in another file changes nothing; a revocation joins the open case
        String revoked = "R-" + UUID.randomUUID().toString().substring(0, 8);
        feeds.upload(operator, "企业信用信息公示系统", "credit-" + revoked + ".csv", org.fangxin.risk.feed.FeedParser.Format.CSV,
                (csv + code + ",LICENCE_REVOKED," + today() + ",,," + revoked + ",\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(triggers.list(operator, 200)).filteredOn(e -> e.merchantId().equals(insured.merchant().id()))
                .hasSize(2).allSatisfy(e -> assertThat(e.closureCaseId()).isEqualTo(caseId));
        assertThat(compensationCompletes(caseId, insured.merchant().id()).trigger()).isEqualTo(ClosureTrigger.BANKRUPTCY);
    }

    @Test
    void onlyOperatorsRecordAndBadInputIsRefusedWithNothingWritten() {
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        UserAccount operator = users.create(Role.OPERATOR);
        assertThat(record(users.create(Role.REGULATOR), gym.id(), "BANKRUPTCY", "x-1").status()).isEqualTo(403);
        assertThat(record(users.create(Role.INSURER), gym.id(), "BANKRUPTCY", "x-1").status()).isEqualTo(403);
        Api.Response wrongTrigger = record(operator, gym.id(), "MEDIATION_FAILED", "x-2");
        assertThat(wrongTrigger.status()).as(wrongTrigger.body()).isEqualTo(400);
        Api.Response future = api().as(operator).post("/api/v1/insurance/merchant-events", Map.of("merchantId", gym.id(),
                "trigger", "BANKRUPTCY", "occurredOn", today().plusDays(3).toString(), "reference", "x-3",
                "note", "法院裁定受理破产申请"), UUID.randomUUID().toString());
        assertThat(future.status()).as(future.body()).isEqualTo(400);
        assertThat(record(operator, UUID.randomUUID(), "BANKRUPTCY", "x-4").status()).isEqualTo(404);
        assertThat(record(operator, gym.id(), "BANKRUPTCY", "x'); drop table card;--").status()).isEqualTo(400);
        assertThat(closures.freezingCase(gym.id())).as("nothing half-written").isEmpty();
        assertThat(api().as(users.create(Role.REGULATOR)).get("/api/v1/insurance/merchant-events").status()).isEqualTo(200);
    }

    @Test
    void theOperatorRecordsARevocationOnThePageInEitherLanguage() {
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        UserAccount operator = users.create(Role.OPERATOR);
        FormSession session = FormSession.loggedIn(port, operator.username());
        String page = session.get("/insurance/merchant-events").body();
        assertThat(page).contains("id=\"event-form\"").contains("吊销执照");
        assertThat(session.get("/insurance/merchant-events?lang=en").body()).contains("Licence revocations and bankruptcies");
        String reference = "P-" + UUID.randomUUID().toString().substring(0, 8);
        var posted = session.post("/insurance/merchant-events", "formKey=" + UUID.randomUUID() + "&merchantId=" + gym.id()
                + "&trigger=LICENCE_REVOKED&occurredOn=" + today() + "&reference=" + reference + "&note="
                + FormSession.encode("市场监管局作出吊销营业执照决定"));
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(session.get("/insurance/merchant-events").body()).contains(reference).contains("id=\"done\"");
        assertThat(closures.freezingCase(gym.id())).isPresent();
        assertThat(FormSession.loggedIn(port, users.create(Role.REGULATOR).username()).get("/insurance/merchant-events")
                .body()).contains(reference).doesNotContain("id=\"event-form\"");
    }

    private Api.Response record(UserAccount who, UUID merchantId, String trigger, String reference) {
        return api().as(who).post("/api/v1/insurance/merchant-events", Map.of("merchantId", merchantId, "trigger", trigger,
                "occurredOn", today().toString(), "reference", reference, "note", "监管部门决定，附决定书扫描件"),
                UUID.randomUUID().toString());
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai"));
    }

    /** The case's compensation batch completes with one line the guarantee fund paid: the claim is filed. */
    private ClaimView compensationCompletes(UUID caseId, UUID merchantId) {
        UUID card = new CompensationLedger(ledger).fundPaid(caseId, merchantId, 40_000);
        transactions.executeWithoutResult(status -> events.publishEvent(new CompensationCompleted(caseId, merchantId,
                clock.instant(), Money.fen(40_000), Money.fen(0), Money.fen(0), Money.fen(40_000), List.of(
                new FundedLine(UUID.randomUUID(), card, UUID.randomUUID(), Money.fen(40_000), Money.fen(40_000))))));
        return org.fangxin.testing.Eventually.present(() -> claims.ofCase(caseId));
    }
}
