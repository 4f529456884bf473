package org.fangxin.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.fangxin.catalog.ContractTerms;
import org.fangxin.catalog.ProductDraft;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.Products;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.merchant.MerchantStatus;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.payment.Payments;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.FormSession;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Closure cases end to end: consumers' reports, the freeze of sales and payouts, confirm and clear, the public notice. */
@org.springframework.test.context.event.RecordApplicationEvents
class ClosureTests extends IntegrationTest {

    static final String REGION = "410200";

    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired Products products;
    @Autowired Payments payments;
    @Autowired SandboxGateway sandbox;
    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;
    @Autowired Deposits deposits;
    /** The payout hold of an open closure case (the compensation module keeps the payable for the set-off). */
    @Autowired @org.springframework.beans.factory.annotation.Qualifier("compensationReserve")
    org.fangxin.settlement.PayoutHolds freeze;
    @Autowired org.springframework.test.context.event.ApplicationEvents events;
    @Autowired Closures closures;

    TestMerchants testMerchants;
    TestMerchants.Created gym;
    ProductView pack;

    @BeforeEach
    void fixtures() {
        testMerchants = new TestMerchants(merchants, accounts);
        gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, REGION);
        pack = sessionPack(gym);
    }

    // ------------------------------------------------------------------ steps

    ProductView sessionPack(TestMerchants.Created m) {
        ContractTerms terms = new ContractTerms(7, RefundMethod.PRO_RATA_SESSIONS, 0, true, "闭店时按剩余价值全额退款",
                "协商不成的, 向消费者协会申请调解", null);
        return products.create(m.ownerActor(), new ProductDraft("卡 " + UUID.randomUUID().toString().substring(0, 8), null,
                ProductKind.SESSION_PACK, Money.yuan(2000), null, null, 60, Term.months(3),
                List.of(m.merchant().stores().get(0).id()), terms));
    }

    Api.Response startPurchase(Api consumer, ProductView product) {
        return consumer.post("/api/v1/purchases", Map.of("productId", product.id(), "storeId", product.storeIds().get(0),
                "contractVersionId", product.currentVersionId(), "acceptContract", true), UUID.randomUUID().toString());
    }

    /** A consumer who bought and paid a card of the product (the card exists when this returns). */
    UserAccount cardholder(ProductView product) {
        UserAccount consumer = users.create(Role.CONSUMER);
        Api.Response started = startPurchase(api().as(consumer), product);
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        UUID purchaseId = UUID.fromString(started.json().get("id").asString());
        UUID orderId = UUID.fromString(started.json().get("paymentOrderId").asString());
        sandbox.pay(payments.find(orderId).orElseThrow().providerOrderId());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (cardCount(purchaseId) == 0 && System.nanoTime() < deadline) {
            sleep();
        }
        assertThat(cardCount(purchaseId)).as("card of " + purchaseId).isEqualTo(1);
        return consumer;
    }

    long cardCount(UUID purchaseId) {
        return jdbc.sql("select count(*) from card.card where purchase_id = :id").param("id", purchaseId).query(Long.class).single();
    }

    static void sleep() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Api.Response report(UserAccount consumer, UUID merchantId) {
        return api().as(consumer).post("/api/v1/closure-reports", Map.of("merchantId", merchantId.toString(),
                "note", "门店关门, 电话不通"));
    }

    /** Earned money waiting for payout, posted as the card module posts a redemption. */
    void earn(UUID merchantId, long fen) {
        UUID card = UUID.randomUUID();
        var clearing = ledger.open(AccountType.CONSUMER_FUNDS_CLEARING, null, Money.CNY).id();
        var liability = ledger.open(AccountType.CARD_LIABILITY, card, Money.CNY).id();
        var escrow = ledger.open(AccountType.ESCROW, merchantId, Money.CNY).id();
        var payable = ledger.open(AccountType.MERCHANT_PAYABLE, merchantId, Money.CNY).id();
        ledger.post(NewTransfer.of("purchase:" + card, "test purchase", EntryLine.debit(clearing, Money.fen(fen)),
                EntryLine.credit(liability, Money.fen(fen))));
        ledger.post(NewTransfer.of("escrow-funding:" + card, "test funding", EntryLine.debit(escrow, Money.fen(fen)),
                EntryLine.credit(clearing, Money.fen(fen))));
        ledger.post(NewTransfer.of("redemption:" + UUID.randomUUID(), "test redemption",
                EntryLine.debit(liability, Money.fen(fen)), EntryLine.credit(payable, Money.fen(fen))));
    }

    /** The merchant's whole payable (earned money plus advances not yet paid out). */
    Money payable(UUID merchantId) {
        return ledger.findAccount(AccountType.MERCHANT_PAYABLE, merchantId, Money.CNY).orElseThrow().normalBalance();
    }

    Api supervisor(Role role) {
        return api().as(users.create(role));
    }

    // ------------------------------------------------------------------ behaviour

    @Test
    void threeConsumersReportingFreezeTheMerchantAndTheRegulatorConfirmsTheClosure() {
        List<UserAccount> holders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            holders.add(cardholder(pack));
        }
        earn(gym.id(), 12_345);
        assertThat(deposits.maySell(gym.id())).isEmpty();
        assertThat(freeze.heldFor(gym.id(), Money.CNY)).isEqualTo(Money.fen(0));

        Api.Response first = report(holders.get(0), gym.id());
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("caseId").isNull()).isTrue();
        // The same consumer twice is still one reporter.
        assertThat(report(holders.get(0), gym.id()).json().get("caseId").isNull()).isTrue();
        assertThat(report(holders.get(1), gym.id()).json().get("caseId").isNull()).isTrue();
        Api.Response third = report(holders.get(2), gym.id());
        assertThat(third.status()).as(third.body()).isEqualTo(201);
        UUID caseId = UUID.fromString(third.json().get("caseId").asString());

        // Frozen: no sales, the whole payable held.
        assertThat(deposits.maySell(gym.id())).hasValueSatisfying(reason -> assertThat(reason).contains(caseId.toString()));
        Api.Response refused = startPurchase(api().as(users.create(Role.CONSUMER)), pack);
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("merchant-may-not-sell");
        assertThat(freeze.heldFor(gym.id(), Money.CNY)).isEqualTo(payable(gym.id())).isNotEqualTo(Money.fen(0));

        Api operator = supervisor(Role.OPERATOR);
        Api.Response viewed = operator.get("/api/v1/protection/closures/" + caseId);
        assertThat(viewed.json().get("status").asString()).isEqualTo("SUSPECTED");
        assertThat(viewed.json().get("source").asString()).isEqualTo("REPORTS");
        assertThat(viewed.json().get("reporters").asLong()).isEqualTo(3);
        // A suspicion is not published.
        assertThat(api().get("/api/v1/public/closures/" + caseId).status()).isEqualTo(404);

        UserAccount regulatorUser = users.create(Role.REGULATOR);
        Api regulator = api().as(regulatorUser);
        assertThat(regulator.post("/api/v1/protection/closures/" + caseId + "/confirmation", Map.of("evidence", " ")).status())
                .isEqualTo(400);
        Api.Response confirmed = regulator.post("/api/v1/protection/closures/" + caseId + "/confirmation",
                Map.of("evidence", "现场核查: 门店已搬空, 房东确认"));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(confirmed.json().get("decidedBy").asString()).isEqualTo(regulatorUser.username());
        assertThat(merchants.find(gym.id()).orElseThrow().status()).isEqualTo(MerchantStatus.CLOSED);
        // the confirmation's set-off of payable against advance runs after commit: compare once it has
        org.fangxin.testing.Eventually.holds(() -> assertThat(freeze.heldFor(gym.id(), Money.CNY))
                .isEqualTo(payable(gym.id())).isNotEqualTo(Money.fen(0)));
        // Decided once.
        Api.Response again = operator.post("/api/v1/protection/closures/" + caseId + "/clearance", Map.of("evidence", "x"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("closure-case-decided");
        assertThat(jdbc.sql("select count(*) from audit.entry where object_type = 'closure-case' and object_id = :id")
                .param("id", caseId.toString()).query(Long.class).single()).isGreaterThanOrEqualTo(2);

        // The public notice: counters, no personal data.
        Api.Response notice = api().get("/api/v1/public/closures/" + caseId);
        assertThat(notice.status()).as(notice.body()).isEqualTo(200);
        assertThat(notice.json().get("merchantName").asString()).isEqualTo(gym.merchant().legalName());
        assertThat(notice.json().get("affectedCards").asLong()).isEqualTo(3);
        assertThat(notice.json().get("unredeemedValue").get("amountMinor").asLong()).isEqualTo(3 * 200_000);
        var page = FormSession.anonymous(port).get("/public/closures/" + caseId);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(gym.merchant().legalName()).contains("¥6,000.00");
        for (String body : List.of(notice.body(), page.body())) {
            assertThat(body).doesNotContain(regulatorUser.username()).doesNotContain(gym.ownerUsername());
            for (UserAccount holder : holders) {
                assertThat(body).doesNotContain(holder.username()).doesNotContain(holder.id().toString());
            }
        }
    }

    @Test
    void eachStepIsPublished() {
        UserAccount user = users.create(Role.OPERATOR);
        var operator = new org.fangxin.identity.Actor(user.id(), user.username(), Role.OPERATOR, null, null);
        UUID first = closures.mark(operator, gym.id(), "evidence 1").id();
        closures.clear(operator, first, "all fine");
        UUID second = closures.mark(operator, gym.id(), "evidence 2").id();
        closures.confirm(operator, second, "gone");
        assertThat(events.stream(ClosureSuspected.class).filter(e -> e.merchantId().equals(gym.id())).map(ClosureSuspected::caseId))
                .containsExactly(first, second);
        assertThat(events.stream(ClosureCleared.class).filter(e -> e.merchantId().equals(gym.id())).map(ClosureCleared::caseId))
                .containsExactly(first);
        assertThat(events.stream(ClosureConfirmed.class).filter(e -> e.merchantId().equals(gym.id())).map(ClosureConfirmed::caseId))
                .containsExactly(second);
        assertThat(merchants.find(gym.id()).orElseThrow().status()).isEqualTo(MerchantStatus.CLOSED);
    }

    @Test
    void aClearedCaseUnfreezesTheMerchant() {
        UserAccount holder = cardholder(pack);
        earn(gym.id(), 5_000);
        Api operator = supervisor(Role.OPERATOR);
        Api.Response marked = operator.post("/api/v1/protection/closures",
                Map.of("merchantId", gym.id().toString(), "evidence", "电话无人接听"));
        assertThat(marked.status()).as(marked.body()).isEqualTo(201);
        UUID caseId = UUID.fromString(marked.json().get("id").asString());
        assertThat(operator.post("/api/v1/protection/closures", Map.of("merchantId", gym.id().toString(), "evidence", "again"))
                .code()).isEqualTo("closure-case-open");
        assertThat(deposits.maySell(gym.id())).isPresent();
        assertThat(freeze.heldFor(gym.id(), Money.CNY)).isEqualTo(payable(gym.id())).isNotEqualTo(Money.fen(0));
        // A report while the case is open joins it.
        assertThat(report(holder, gym.id()).json().get("caseId").asString()).isEqualTo(caseId.toString());

        Api.Response cleared = supervisor(Role.REGULATOR).post("/api/v1/protection/closures/" + caseId + "/clearance",
                Map.of("evidence", "门店正常营业, 装修暂停两天"));
        assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
        assertThat(cleared.json().get("status").asString()).isEqualTo("CLEARED");
        assertThat(deposits.maySell(gym.id())).isEmpty();
        assertThat(freeze.heldFor(gym.id(), Money.CNY)).isEqualTo(Money.fen(0));
        assertThat(merchants.find(gym.id()).orElseThrow().status()).isEqualTo(MerchantStatus.ACTIVE);
        assertThat(startPurchase(api().as(users.create(Role.CONSUMER)), pack).status()).isEqualTo(201);
        assertThat(api().get("/api/v1/public/closures/" + caseId).status()).isEqualTo(404);
        assertThat(cleared.json().get("steps").size()).isEqualTo(2);
    }

    @Test
    void reportsOutsideTheWindowOrWithoutACardDoNotCount() {
        UserAccount a = cardholder(pack);
        UserAccount b = cardholder(pack);
        UserAccount c = cardholder(pack);
        assertThat(report(a, gym.id()).status()).isEqualTo(201);
        assertThat(report(b, gym.id()).status()).isEqualTo(201);
        clock.advance(Duration.ofHours(73));
        assertThat(report(c, gym.id()).json().get("caseId").isNull()).isTrue();
        // A consumer without a live card there cannot report; nor can the merchant's own people.
        UserAccount stranger = users.create(Role.CONSUMER);
        assertThat(report(stranger, gym.id()).status()).isEqualTo(404);
        assertThat(report(stranger, UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(report(gym.owner(), gym.id()).status()).isEqualTo(403);
        assertThat(deposits.maySell(gym.id())).isEmpty();
    }

    @Test
    void theOwnerAnnouncesClosingSalesStopAndTheNoticeIsPublic() {
        cardholder(pack);
        LocalDate closingOn = LocalDate.now(clock).plusDays(30);
        Api owner = api().as(gym.owner());
        assertThat(owner.post("/api/v1/protection/closures/announcement",
                Map.of("closingOn", LocalDate.now(clock).minusDays(1).toString(), "reason", "租约到期")).status()).isEqualTo(400);
        Api.Response announced = owner.post("/api/v1/protection/closures/announcement",
                Map.of("closingOn", closingOn.toString(), "reason", "租约到期, 不再续租"));
        assertThat(announced.status()).as(announced.body()).isEqualTo(201);
        UUID caseId = UUID.fromString(announced.json().get("id").asString());
        assertThat(announced.json().get("source").asString()).isEqualTo("ANNOUNCED");
        assertThat(startPurchase(api().as(users.create(Role.CONSUMER)), pack).code()).isEqualTo("merchant-may-not-sell");
        Api.Response notice = api().get("/api/v1/public/closures/" + caseId);
        assertThat(notice.status()).isEqualTo(200);
        assertThat(notice.json().get("closingOn").asString()).isEqualTo(closingOn.toString());
        assertThat(notice.json().get("affectedCards").asLong()).isEqualTo(1);
        assertThat(owner.get("/api/v1/protection/closures/mine").json().get(0).get("id").asString()).isEqualTo(caseId.toString());
    }

    // ------------------------------------------------------------------ access

    private void expect(Map<String, UserAccount> logins, Function<Api, Api.Response> call, int... statuses) {
        Map<String, Integer> expected = new LinkedHashMap<>();
        Map<String, Integer> actual = new LinkedHashMap<>();
        int i = 0;
        for (var entry : logins.entrySet()) {
            expected.put(entry.getKey(), statuses[i++]);
            Api api = entry.getValue() == null ? api() : api().as(entry.getValue());
            actual.put(entry.getKey(), call.apply(api).status());
        }
        assertThat(actual).containsExactlyEntriesOf(expected);
    }

    @Test
    void everyClosureEndpointAnswersOnlyItsAudience() {
        var other = testMerchants.activeMerchant(Sector.BEAUTY, REGION);
        Map<String, UserAccount> logins = new LinkedHashMap<>();
        logins.put("anonymous", null);
        logins.put("consumer", users.create(Role.CONSUMER));
        logins.put("owner", gym.owner());
        logins.put("staff", testMerchants.staff(gym.id()));
        logins.put("otherOwner", other.owner());
        logins.put("operator", users.create(Role.OPERATOR));
        logins.put("bank", users.create(Role.BANK));
        logins.put("insurer", users.create(Role.INSURER));
        logins.put("regulator", users.create(Role.REGULATOR));
        logins.put("association", users.create(Role.ASSOCIATION));
        logins.put("educationRegulator", users.create(Role.REGULATOR, null, "EDUCATION"));
        // anonymous, consumer, owner, staff, otherOwner, operator, bank, insurer, regulator, association, eduRegulator
        UUID caseId = UUID.fromString(api().as(users.create(Role.OPERATOR)).post("/api/v1/protection/closures",
                Map.of("merchantId", gym.id().toString(), "evidence", "matrix")).json().get("id").asString());
        String path = "/api/v1/protection/closures/" + caseId;
        expect(logins, api -> api.get(path), 401, 403, 200, 200, 404, 200, 403, 403, 200, 403, 404);
        expect(logins, api -> api.get("/api/v1/protection/closures"), 401, 403, 403, 403, 403, 200, 403, 403, 200, 403, 200);
        expect(logins, api -> api.get("/api/v1/protection/closures/mine"), 401, 403, 200, 200, 200, 403, 403, 403, 403, 403, 403);
        expect(logins, api -> api.post(path + "/evidence", Map.of("evidence", "note")),
                401, 403, 403, 403, 403, 201, 403, 403, 201, 403, 404);
        expect(logins, api -> api.post("/api/v1/protection/closures", Map.of("merchantId", other.id().toString(), "evidence", "x")),
                401, 403, 403, 403, 403, 201, 403, 403, 409, 403, 404);
        expect(logins, api -> api.post("/api/v1/closure-reports", Map.of("merchantId", gym.id().toString())),
                401, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403);
        expect(logins, api -> api.post("/api/v1/protection/closures/announcement",
                        Map.of("closingOn", LocalDate.now(clock).plusDays(40).toString(), "reason", "x")),
                401, 403, 409, 403, 409, 403, 403, 403, 403, 403, 403);
        // A suspicion is not public; the decisions come last (a decided case answers 409).
        expect(logins, api -> api.get("/api/v1/public/closures/" + caseId), 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404);
        expect(logins, api -> api.post(path + "/clearance", Map.of("evidence", "x")),
                401, 403, 403, 403, 403, 200, 403, 403, 409, 403, 404);
        expect(logins, api -> api.get("/api/v1/public/closures/" + UUID.randomUUID()),
                404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404);
    }

    @Test
    void theCasePageAnswersOnlySupervisorsAndConfirmsWithEvidence() {
        var operatorUser = users.create(Role.OPERATOR);
        UUID caseId = UUID.fromString(api().as(operatorUser).post("/api/v1/protection/closures",
                Map.of("merchantId", gym.id().toString(), "evidence", "page")).json().get("id").asString());
        assertThat(FormSession.anonymous(port).get("/protection/closures").statusCode()).isEqualTo(302);
        assertThat(FormSession.loggedIn(port, users.create(Role.CONSUMER).username()).get("/protection/closures").statusCode())
                .isEqualTo(403);
        assertThat(FormSession.loggedIn(port, gym.ownerUsername()).get("/protection/closures").statusCode()).isEqualTo(403);
        assertThat(FormSession.loggedIn(port, users.create(Role.REGULATOR).username()).get("/protection/closures").statusCode())
                .isEqualTo(200);
        var operator = FormSession.loggedIn(port, operatorUser.username());
        var list = operator.get("/protection/closures");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("data-case=\"" + caseId + "\"");
        var posted = operator.post("/protection/closures/" + caseId + "/confirm", "evidence=" + FormSession.encode("人去楼空"));
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(merchants.find(gym.id()).orElseThrow().status()).isEqualTo(MerchantStatus.CLOSED);
        assertThat(operator.get("/protection/closures").body()).contains("人去楼空");
        assertThat(FormSession.anonymous(port).get("/public/closures/" + caseId).statusCode()).isEqualTo(200);
    }

    @Test
    void aCardholderReportsOnThePageAndTheOwnerAnnouncesOnItsPage() {
        UserAccount holder = cardholder(pack);
        String form = "/protection/closure-report/" + gym.id();
        var consumer = FormSession.loggedIn(port, holder.username());
        UUID cardId = jdbc.sql("select id from card.card where holder_id = :h").param("h", holder.id()).query(UUID.class).single();
        assertThat(consumer.get("/cards/" + cardId).body()).contains("id=\"report-closed\"").contains(form);
        var page = consumer.get(form);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(gym.merchant().legalName()).contains("id=\"report\"");
        assertThat(consumer.post(form, "note=" + FormSession.encode("卷帘门拉下了")).statusCode()).isEqualTo(302);
        assertThat(consumer.get(form).body()).contains("id=\"done\"");
        assertThat(jdbc.sql("select count(*) from protection.closure_report where merchant_id = :m and consumer_id = :c")
                .param("m", gym.id()).param("c", holder.id()).query(Long.class).single()).isEqualTo(1);
        assertThat(FormSession.loggedIn(port, users.create(Role.CONSUMER).username()).get(form).statusCode()).isEqualTo(404);
        assertThat(FormSession.loggedIn(port, gym.ownerUsername()).get(form).statusCode()).isEqualTo(403);

        var owner = FormSession.loggedIn(port, gym.ownerUsername());
        assertThat(owner.get("/protection/closures/mine").body()).contains("id=\"announce\"");
        assertThat(owner.post("/protection/closures/announcement", "closingOn=" + LocalDate.now(clock).plusDays(31)
                + "&reason=" + FormSession.encode("租约到期")).statusCode()).isEqualTo(302);
        var mine = owner.get("/protection/closures/mine").body();
        assertThat(mine).contains("id=\"done\"").contains("data-case=");
        assertThat(deposits.maySell(gym.id())).isPresent();
        var staff = FormSession.loggedIn(port, testMerchants.staff(gym.id()).username()).get("/protection/closures/mine");
        assertThat(staff.statusCode()).isEqualTo(200);
        assertThat(staff.body()).doesNotContain("id=\"announce\"").contains("data-case=");
        assertThat(FormSession.loggedIn(port, users.create(Role.CONSUMER).username()).get("/protection/closures/mine").statusCode())
                .isEqualTo(403);
    }
}
