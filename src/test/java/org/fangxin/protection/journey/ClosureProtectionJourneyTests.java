package org.fangxin.protection.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.card.CardStatus;
import org.fangxin.card.Cards;
import org.fangxin.card.ClosureCards;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.insurance.ClaimStatus;
import org.fangxin.insurance.ClaimView;
import org.fangxin.insurance.Claims;
import org.fangxin.insurance.CostSharing;
import org.fangxin.insurance.InsuranceFixtures;
import org.fangxin.insurance.Insurers;
import org.fangxin.insurance.Policies;
import org.fangxin.insurance.PolicyScope;
import org.fangxin.ledger.AccountType;
import org.fangxin.notification.Notifications;
import org.fangxin.compensation.CompensationBatchView;
import org.fangxin.compensation.CompensationLineView;
import org.fangxin.protection.Deposits;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.Eventually;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Issue 4 "Done when", end to end: a gym with 300 consumers at mixed usage (session packs partly redeemed, 30-day
 * passes 14 days in, stored value partly spent; 60 % of every price advanced and paid out), a risk deposit, a policy
 * covering it and a topped-up guarantee fund, vanishes without a word. Consumers report it closed → a SUSPECTED case
 * freezes sales and payouts → the sector regulator confirms → everyone is notified; a few confirm CASH early, one moves
 * to a successor gym → after the deadline the payment job pays every consumer exactly the unredeemed value the test
 * computes from what they bought and used → the claim is filed automatically, partly approved (one line reduced, one
 * rejected) and paid → the fund is reimbursed → the rest is a receivable, partly recovered and written off → the
 * closures dashboard shows the ledger's figures. The books hold after every step.
 */
@Tag("journey")
class ClosureProtectionJourneyTests extends IntegrationTest {

    static final int CONSUMERS = 300;
    static final int EARLY_CASH = 3;

    @Autowired ApplicationContext context;
    @Autowired Deposits deposits;
    @Autowired Claims claims;
    @Autowired Insurers insurers;
    @Autowired Policies policies;
    @Autowired Cards cards;
    @Autowired ClosureCards closureCards;
    @Autowired Notifications notifications;

    private JourneyDesk desk;

    @Test
    void aVanishedGymsConsumersArePaidExactlyTheirUnredeemedValueAndTheMoneyIsRecovered() {
        long started = System.nanoTime();
        clock.advanceToMonday(java.time.ZoneId.of("Asia/Shanghai")); // +14 days is a Monday too: settlement pays
        desk = new JourneyDesk(context, users);
        TestMerchants.Created gym = desk.gym();
        UUID gymId = gym.id();
        UserAccount staff = desk.merchants.staff(gymId);
        UserAccount operatorUser = users.create(Role.OPERATOR);
        Actor operator = operatorUser.actor();
        Api operatorApi = api().as(operatorUser);
        UserAccount regulator = users.create(Role.REGULATOR, null, "SPORTS_FITNESS");
        Api regulatorApi = api().as(regulator);

        // the insurer's policy covers the gym (platform pays the premium); the fund is topped up through the API
        var fixtures = new InsuranceFixtures(insurers, policies, users);
        var insurer = fixtures.insurer(120, Money.yuan(100_000));
        fixtures.policy(insurer.product(), PolicyScope.MERCHANT, List.of(gymId), null, new CostSharing(0, 10_000, 0));
        Api.Response topUp = operatorApi.post("/api/v1/protection/guarantee-fund/top-ups",
                Map.of("amount", yuan(2_000_000), "reference", "平台出资 journey " + UUID.randomUUID()), key());
        assertThat(topUp.status()).as(topUp.body()).isEqualTo(201);

        // 300 consumers buy: a third each a 60-session pack, a 30-day pass, a stored-value card
        ProductView pack = desk.product(gym, ProductKind.SESSION_PACK, Money.yuan(2000), 60, Term.months(3), RefundMethod.PRO_RATA_SESSIONS);
        ProductView pass = desk.product(gym, ProductKind.PERIOD_PASS, Money.yuan(300), null, Term.days(30), RefundMethod.PRO_RATA_DAYS);
        ProductView value = desk.product(gym, ProductKind.STORED_VALUE, Money.fen(50_037), null, Term.months(12), RefundMethod.PRO_RATA_VALUE);
        List<UserAccount> consumers = new ArrayList<>();
        List<ProductView> wanted = new ArrayList<>();
        for (int i = 0; i < CONSUMERS; i++) {
            consumers.add(users.create(Role.CONSUMER));
            wanted.add(switch (i % 3) {
                case 0 -> pack;
                case 1 -> pass;
                default -> value;
            });
        }
        List<JourneyDesk.Holding> holdings = desk.buy(consumers, wanted, 6, this::api);
        desk.assertBooks("after the purchases", gymId);

        // mixed usage; the test keeps its own account of what is left on every card
        Map<UUID, Long> expected = new HashMap<>();
        Map<UUID, JourneyDesk.Holding> byCard = new HashMap<>();
        for (int i = 0; i < CONSUMERS; i++) {
            JourneyDesk.Holding h = holdings.get(i);
            byCard.put(h.cardId(), h);
            long price = h.price();
            switch (i % 3) {
                case 0 -> {
                    int used = i % 13;
                    if (used > 0) {
                        desk.redeem(h, staff, used, null);
                    }
                    expected.put(h.cardId(), price - price * used / 60);
                }
                case 1 -> expected.put(h.cardId(), price - price * 14 / 30); // 14 of 30 days earned at the closure
                default -> {
                    long spent = (i * 1237L) % 40_000;
                    if (spent > 0) {
                        desk.redeem(h, staff, null, Money.fen(spent));
                    }
                    expected.put(h.cardId(), price - spent);
                }
            }
        }
        desk.assertBooks("after the redemptions", gymId);
        clock.advance(Duration.ofDays(14));
        operatorApi = api().as(operatorUser); // bearer tokens expire by the clock: log in again after time moved
        regulatorApi = api().as(regulator);
        settle(gymId);
        Money advanced = desk.balance(AccountType.MERCHANT_ADVANCE, gymId);
        assertThat(advanced.isPositive()).as("the gym has advance exposure").isTrue();

        // the risk deposit the rule asks for is lodged through the API: the gym is covered and may sell
        var coverage = deposits.check(gymId);
        Money lodge = coverage.required().minus(coverage.lodged());
        if (!lodge.isPositive()) {
            lodge = Money.yuan(1_000);
        }
        Api.Response lodged = operatorApi.post("/api/v1/protection/deposits",
                Map.of("merchantId", gymId, "amount", money(lodge), "reference", "保证金 " + UUID.randomUUID()), key());
        assertThat(lodged.status()).as(lodged.body()).isEqualTo(201);
        assertThat(deposits.maySell(gymId)).as("covered before the closure").isEmpty();
        Money deposit = desk.balance(AccountType.RISK_DEPOSIT, gymId);
        desk.assertBooks("deposit lodged", gymId);

        // the gym vanishes; three cardholders report it closed: the third report opens a SUSPECTED case
        String caseId = null;
        for (int i = 0; i < 3; i++) {
            Api.Response report = api().as(consumers.get(10 + i)).post("/api/v1/closure-reports",
                    Map.of("merchantId", gymId, "note", "门店已关门, 电话不通 " + i), key());
            assertThat(report.status()).as(report.body()).isEqualTo(201);
            JsonNode reportedCase = report.json().get("caseId");
            caseId = reportedCase == null || reportedCase.isNull() ? null : reportedCase.asString();
            assertThat(caseId == null).as("a case opens with the third report only").isEqualTo(i < 2);
        }
        UUID closure = UUID.fromString(caseId);
        assertThat(regulatorApi.get("/api/v1/protection/closures/" + closure).json().get("status").asString())
                .isEqualTo("SUSPECTED");
        desk.assertBooks("suspected", gymId);

        // frozen: a purchase is refused and the gym's payable is held from payouts
        Api.Response refused = api().as(users.create(Role.CONSUMER)).post("/api/v1/purchases", Map.of("productId", pack.id(),
                "storeId", pack.storeIds().get(0), "contractVersionId", pack.currentVersionId(), "acceptContract", true), key());
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("merchant-may-not-sell");
        var closureFreeze = context.getBeansOfType(org.fangxin.settlement.PayoutHolds.class).values().stream()
                .filter(h -> h.getClass().getSimpleName().startsWith("CompensationReserve")).findFirst().orElseThrow();
        assertThat(closureFreeze.heldFor(gymId, Money.CNY)).as("payouts held")
                .isEqualTo(desk.balance(AccountType.MERCHANT_PAYABLE, gymId));

        // the sector regulator confirms through the API; compensation is planned for every live card
        Api.Response confirmed = regulatorApi.post("/api/v1/protection/closures/" + closure + "/confirmation",
                Map.of("evidence", "现场核实: 人去楼空, 房东证实已退租"), key());
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().get("status").asString()).isEqualTo("CONFIRMED");
        Api.Response startedBatch = operatorApi.post("/api/v1/closures/" + closure + "/compensation", Map.of(), key());
        assertThat(startedBatch.status()).as(startedBatch.body()).isEqualTo(201); // same batch as the listener's
        CompensationBatchView batch = desk.compensations.batch(operator, closure);
        desk.assertBooks("planned", gymId);
        List<CompensationLineView> lines = desk.compensations.lines(operator, closure, null, 500);
        assertThat(lines).hasSize(CONSUMERS);
        long sumU = 0;
        for (CompensationLineView line : lines) {
            JourneyDesk.Holding h = byCard.get(line.cardId());
            assertThat(line.consumerId()).isEqualTo(h.consumer().id());
            assertThat(line.unredeemed().amountMinor()).as("U of " + h.product().kind() + " " + line.cardId())
                    .isEqualTo(expected.get(line.cardId()));
            assertThat(line.fromEscrow().plus(line.fromDeposit()).plus(line.fromGuaranteeFund())).isEqualTo(line.unredeemed());
            assertThat(line.status()).isEqualTo("PLANNED");
            sumU += line.unredeemed().amountMinor();
        }
        assertThat(batch.fromDeposit()).as("the whole deposit is used: " + batch + " deposit " + desk.balance(AccountType.RISK_DEPOSIT, gymId)
                + " held " + desk.balance(AccountType.RISK_DEPOSIT_HELD, gymId) + " advance " + advanced + " now " + desk.balance(AccountType.MERCHANT_ADVANCE, gymId)
                + " payable " + desk.balance(AccountType.MERCHANT_PAYABLE, gymId) + " escrow " + desk.balance(AccountType.ESCROW, gymId)
                + " settlement " + desk.balance(AccountType.MERCHANT_SETTLEMENT, gymId)).isEqualTo(deposit);
        assertThat(batch.fromGuaranteeFund().isPositive()).as("the deposit does not cover the exposure").isTrue();
        for (UserAccount consumer : consumers) {
            Eventually.holds(() -> assertThat(notifications.inbox(consumer.actor(), 20)).as("notice to " + consumer.username())
                    .anyMatch(n -> n.subject().contains("闭店")));
        }

        // a successor takes over the customers; one consumer moves there, three confirm a cash refund early
        TestMerchants.Created successor = desk.gym();
        ProductView offer = desk.product(successor, ProductKind.SESSION_PACK, Money.yuan(1000), 10, Term.months(6),
                RefundMethod.PRO_RATA_SESSIONS);
        Api.Response registered = operatorApi.post("/api/v1/closures/" + closure + "/compensation/successor",
                Map.of("merchantId", successor.id(), "productId", offer.id()), key());
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        UserAccount mover = consumers.get(20);
        choose(mover, "TAKEOVER");
        List<UserAccount> early = consumers.subList(30, 30 + EARLY_CASH);
        early.forEach(c -> choose(c, "CASH"));
        assertThat(desk.payDue(batch.id(), 2, () -> desk.assertBooks("early chunk", gymId, successor.id())))
                .as("only the chosen lines are due before the deadline").isEqualTo(1 + EARLY_CASH);
        desk.sendRefundsUntilPaid(closure, operator);
        assertThat(desk.compensations.batch(operator, closure).paid()).isEqualTo(1 + EARLY_CASH);
        UUID moversCard = holdings.get(20).cardId();
        assertThat(cards.find(moversCard).orElseThrow().status()).isEqualTo(CardStatus.TRANSFERRED);
        var newCard = closureCards.liveCards(successor.id()).stream().filter(c -> c.holderUserId().equals(mover.id()))
                .findFirst().orElseThrow();
        assertThat(newCard.unredeemed().amountMinor()).as("the new card is worth U").isEqualTo(expected.get(moversCard));

        // the deadline passes; the payment job pays everyone else (books checked after every chunk of 50)
        clock.advance(Duration.ofDays(8));
        operatorApi = api().as(operatorUser);
        regulatorApi = api().as(regulator);
        assertThat(desk.payDue(batch.id(), 50, () -> desk.assertBooks("chunk", gymId, successor.id())))
                .isEqualTo(CONSUMERS - 1 - EARLY_CASH);
        desk.sendRefundsUntilPaid(closure, operator);
        JourneyDesk.await(() -> "COMPLETED".equals(desk.compensations.batch(operator, closure).status()), "batch completed");
        desk.assertBooks("compensated", gymId, successor.id());

        // every consumer got exactly U, once; the sources add up to what was paid
        CompensationBatchView done = desk.compensations.batch(operator, closure);
        Map<String, Long> refunds = desk.refundsByReference(closure);
        assertThat(refunds).hasSize(CONSUMERS - 1);
        long escrowPart = 0;
        long depositPart = 0;
        long fundPart = 0;
        for (CompensationLineView line : desk.compensations.lines(operator, closure, null, 500)) {
            long u = expected.get(line.cardId());
            assertThat(line.status()).isEqualTo("PAID");
            assertThat(line.unredeemed().amountMinor()).isEqualTo(u);
            if (!line.cardId().equals(moversCard)) {
                assertThat(refunds.get("compensation:" + closure + ":" + line.cardId())).as("refund of " + line.cardId()).isEqualTo(u);
                assertThat(cards.find(line.cardId()).orElseThrow().status()).isEqualTo(CardStatus.REFUNDED);
            }
            assertThat(desk.balance(AccountType.CARD_LIABILITY, line.cardId())).isEqualTo(Money.fen(0));
            assertThat(desk.balance(AccountType.CONSUMER_REFUNDS_PAYABLE, line.cardId())).isEqualTo(Money.fen(0));
            for (Money part : List.of(line.fromEscrow(), line.fromDeposit(), line.fromGuaranteeFund())) {
                assertThat(part.isNegative()).isFalse();
            }
            escrowPart += line.fromEscrow().amountMinor();
            depositPart += line.fromDeposit().amountMinor();
            fundPart += line.fromGuaranteeFund().amountMinor();
        }
        assertThat(escrowPart + depositPart + fundPart).isEqualTo(sumU);
        assertThat(done.paidTotal().amountMinor()).isEqualTo(sumU);
        String paidPrefix = "compensation-paid:" + closure + ":";
        assertThat(desk.ledgerSum(paidPrefix, AccountType.CARD_LIABILITY, true)).isEqualTo(sumU);
        assertThat(desk.ledgerSum(paidPrefix, AccountType.ESCROW, false)).isEqualTo(escrowPart);
        assertThat(desk.ledgerSum(paidPrefix, AccountType.RISK_DEPOSIT_HELD, false)).isEqualTo(depositPart);
        assertThat(desk.ledgerSum(paidPrefix, AccountType.PLATFORM_GUARANTEE_FUND, false)).isEqualTo(fundPart);
        assertThat(desk.balance(AccountType.MERCHANT_ADVANCE, gymId)).isEqualTo(Money.fen(0));
        assertThat(desk.balance(AccountType.SUBROGATION_RECEIVABLE, gymId).amountMinor()).isEqualTo(fundPart);
        Eventually.holds(() -> assertThat(notifications.inbox(early.get(0).actor(), 20))
                .anyMatch(n -> n.subject().contains("已支付"))); // sent after the line's commit (ADR 11)

        // the claim for the fund's part is filed by itself; the insurer reduces one line, rejects one, approves the rest
        JourneyDesk.await(() -> claims.ofCase(closure).isPresent(), "claim of case " + closure);
        ClaimView claim = claims.ofCase(closure).orElseThrow();
        assertThat(claim.status()).isEqualTo(ClaimStatus.FILED);
        assertThat(claim.claimed().amountMinor()).isEqualTo(fundPart);
        List<ClaimView.Line> decidable = claim.lines().stream().filter(l -> l.covered().isPositive()).toList();
        assertThat(decidable.size()).isGreaterThan(2);
        ClaimView.Line reduced = decidable.get(0);
        ClaimView.Line rejected = decidable.get(1);
        long reducedTo = reduced.covered().amountMinor() / 2;
        Api insurerApi = api().as(insurer.login());
        String claimPath = "/api/v1/insurance/claims/" + claim.id();
        assertThat(insurerApi.post(claimPath + "/review", Map.of(), key()).status()).isEqualTo(200);
        Api.Response lineDecided = insurerApi.post(claimPath + "/lines/" + reduced.cardId() + "/decision",
                Map.of("decision", "REDUCED", "amount", Map.of("amountMinor", reducedTo, "currency", "CNY"),
                        "reason", "部分课时已在承接门店补上 partly made up"), key());
        assertThat(lineDecided.status()).as(lineDecided.body()).isEqualTo(200);
        List<Map<String, Object>> decisions = new ArrayList<>();
        for (ClaimView.Line line : decidable.subList(1, decidable.size())) {
            decisions.add(line == rejected
                    ? Map.of("cardId", line.cardId().toString(), "decision", "REJECTED", "reason", "卡在闭店前已过期 expired")
                    : Map.of("cardId", line.cardId().toString(), "decision", "APPROVED"));
        }
        Api.Response decided = insurerApi.post(claimPath + "/decision", Map.of("lines", decisions), key());
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        assertThat(decided.json().get("outcome").asString()).isEqualTo("PARTLY_APPROVED");
        long approved = claim.covered().amountMinor() - (reduced.covered().amountMinor() - reducedTo)
                - rejected.covered().amountMinor();
        assertThat(decided.json().get("approved").get("amountMinor").asLong()).isEqualTo(approved);
        assertThat(approved).isLessThanOrEqualTo(fundPart);
        desk.assertBooks("claim decided", gymId);
        Money fundBefore = desk.balance(AccountType.PLATFORM_GUARANTEE_FUND, null);
        Api.Response paid = insurerApi.post(claimPath + "/payment", Map.of("reference", "PICC-" + UUID.randomUUID()), key());
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        assertThat(paid.json().get("status").asString()).isEqualTo("PAID");
        assertThat(desk.balance(AccountType.PLATFORM_GUARANTEE_FUND, null)).isEqualTo(fundBefore.plus(Money.fen(approved)));
        assertThat(desk.balance(AccountType.INSURER_RECEIVABLE, insurer.insurer().id())).isEqualTo(Money.fen(0));
        long owed = fundPart - approved;
        assertThat(desk.balance(AccountType.SUBROGATION_RECEIVABLE, gymId).amountMinor()).isEqualTo(owed);
        desk.assertBooks("claim paid", gymId);

        // the operator recovers part from the liquidator and writes the rest off
        long recovered = owed / 3;
        long writtenOff = owed - recovered;
        String subrogation = "/api/v1/protection/subrogation/" + closure;
        Api.Response recovery = operatorApi.post(subrogation + "/recoveries",
                Map.of("amount", fen(recovered), "reference", "清算组分配 liquidator " + UUID.randomUUID()), key());
        assertThat(recovery.status()).as(recovery.body()).isEqualTo(201);
        desk.assertBooks("recovered", gymId);
        Api.Response writeOff = operatorApi.post(subrogation + "/write-offs",
                Map.of("amount", fen(writtenOff), "reason", "经营者无财产可供执行 nothing left"), key());
        assertThat(writeOff.status()).as(writeOff.body()).isEqualTo(201);
        assertThat(desk.balance(AccountType.SUBROGATION_RECEIVABLE, gymId)).isEqualTo(Money.fen(0));
        desk.assertBooks("written off", gymId, successor.id());

        // the regulator's dashboard shows what the ledger says
        JsonNode dashboard = regulatorApi.get("/api/v1/protection/oversight/closures").json();
        JsonNode figures = null;
        for (JsonNode c : dashboard.get("cases")) {
            if (c.get("caseId").asString().equals(closure.toString())) {
                figures = c.get("figures");
            }
        }
        assertThat(figures).as("case on the dashboard").isNotNull();
        assertThat(figures.get("cardsCompensated").asLong()).isEqualTo(CONSUMERS);
        assertThat(amount(figures, "compensated")).isEqualTo(sumU);
        assertThat(amount(figures, "fromEscrow")).isEqualTo(escrowPart);
        assertThat(amount(figures, "fromDeposit")).isEqualTo(depositPart);
        assertThat(amount(figures, "fromFund")).isEqualTo(fundPart);
        assertThat(amount(figures, "fromInsurer")).isEqualTo(approved)
                .isEqualTo(desk.ledgerSum("claim-paid:" + closure + ":", AccountType.PLATFORM_GUARANTEE_FUND, true));
        assertThat(amount(figures, "insurerOwes")).isZero();
        assertThat(amount(figures, "fromMerchant")).isEqualTo(recovered)
                .isEqualTo(desk.ledgerSum("subrogation-recovered:" + closure + ":", AccountType.PLATFORM_GUARANTEE_FUND, true));
        assertThat(amount(figures, "lost")).isEqualTo(writtenOff)
                .isEqualTo(desk.ledgerSum("subrogation-write-off:" + closure + ":", AccountType.COMPENSATION_EXPENSE, true));
        assertThat(amount(figures, "stillOpen")).isZero();
        assertThat(amount(figures, "fromInsurer") + amount(figures, "fromMerchant") + amount(figures, "lost"))
                .as("the fund's part ended with the insurer, the merchant or as a loss").isEqualTo(fundPart);
        org.slf4j.LoggerFactory.getLogger(getClass()).info("closure journey: {} consumers, U {} (escrow {}, deposit {}, fund {}), "
                        + "insurer {}, recovered {}, lost {}, {} ms", CONSUMERS, sumU, escrowPart, depositPart, fundPart, approved,
                recovered, writtenOff, (System.nanoTime() - started) / 1_000_000);
    }

    private void choose(UserAccount consumer, String choice) {
        Api me = api().as(consumer);
        JsonNode mine = me.get("/api/v1/compensations/mine").json();
        assertThat(mine.size()).isEqualTo(1);
        Api.Response chosen = me.post("/api/v1/compensations/" + mine.get(0).get("id").asString() + "/choice",
                Map.of("choice", choice), key());
        assertThat(chosen.status()).as(chosen.body()).isEqualTo(200);
    }

    /**
     * Pays merchants what they are owed (advances included), so the gym's advance leaves escrow; its payout is above
     * the dual-control threshold, so a second operator approves it first.
     */
    private void settle(UUID gymId) {
        var settlements = context.getBean(org.fangxin.settlement.Settlements.class);
        var approvals = context.getBean(org.fangxin.settlement.PayoutApprovals.class);
        settlements.runDue();
        Actor checker = users.create(Role.OPERATOR).actor();
        approvals.awaiting(checker, 0, 100).stream().map(a -> a.payout()).filter(p -> p.merchantId().equals(gymId))
                .forEach(p -> approvals.approve(checker, p.id(), "核对无误 journey"));
        context.getBean(org.fangxin.bank.sandbox.SandboxBank.class).process();
        settlements.exchangeWithBank();
        assertThat(desk.balance(AccountType.MERCHANT_PAYABLE, gymId)).as("the gym was paid").isEqualTo(Money.fen(0));
    }

    private static long amount(JsonNode figures, String field) {
        return figures.get(field).get("amountMinor").asLong();
    }

    private static Map<String, Object> yuan(long yuan) {
        return money(Money.yuan(yuan));
    }

    private static Map<String, Object> fen(long fen) {
        return money(Money.fen(fen));
    }

    private static Map<String, Object> money(Money money) {
        return Map.of("amountMinor", money.amountMinor(), "currency", "CNY");
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }
}
