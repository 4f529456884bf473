package org.fangxin.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.calendar.DayKind;
import org.fangxin.calendar.WorkingDays;
import org.fangxin.card.CardView;
import org.fangxin.catalog.ProductView;
import org.fangxin.complaint.workflow.ComplaintDeadlines;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.insurance.ClaimStatus;
import org.fangxin.insurance.ClaimView;
import org.fangxin.insurance.ClaimFigures;
import org.fangxin.insurance.Claims;
import org.fangxin.insurance.ClosureTrigger;
import org.fangxin.insurance.CostSharing;
import org.fangxin.insurance.InsuranceFixtures;
import org.fangxin.insurance.Insurers;
import org.fangxin.insurance.Policies;
import org.fangxin.insurance.PolicyScope;
import org.fangxin.insurance.PolicyView;
import org.fangxin.ledger.AccountType;
import org.fangxin.notification.NotificationView;
import org.fangxin.notification.Notifications;
import org.fangxin.shared.Money;
import org.fangxin.shared.Sha256;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Issue 10 "Done when", the Kaifeng path end to end on the test clock: a consumer's complaint about a gym that refuses
 * to refund → the gym stays silent for 10 working days across Mid-Autumn and National Day (the deadline job moves
 * nothing before Oct 15, the case on Oct 16) → the platform sends it to the consumer association, which accepts →
 * 45 working days pass without agreement → mediation fails → a claim is filed automatically against the city-held
 * policy (premium 100 % government) → the insurer approves part of it → the insurer pays the consumer directly; the
 * policy's remaining aggregate falls, and the ledger invariants and the gym's escrow identity hold after every step.
 */
class MediationFailedJourneyTests extends IntegrationTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired ApplicationContext context;
    @Autowired Insurers insurers;
    @Autowired Policies policies;
    @Autowired Claims claims;
    @Autowired ClaimFigures claimFigures;
    @Autowired Complaints complaints;
    @Autowired ComplaintDeadlines deadlines;
    @Autowired WorkingDays workingDays;
    @Autowired Notifications notifications;

    private ComplaintFixtures fx;

    @Test
    void aSilentGymsComplaintFailsMediationAfterTheHolidaysAndTheInsurerPaysTheConsumerDirectly() {
        fx = new ComplaintFixtures(context, users, clock, this::api, port);
        LocalDate filedOn = thursdayBeforeMidAutumn();
        TestMerchants.Created gym = fx.gym();
        UserAccount staff = fx.merchants.staff(gym.id());
        UserAccount consumer = users.create(Role.CONSUMER);
        UserAccount operator = users.create(Role.OPERATOR);
        UserAccount association = users.create(Role.ASSOCIATION);

        // the city holds the policy (policyholder the regulator, premium 100 % from the budget) and it insures mediation failure
        var fixtures = new InsuranceFixtures(insurers, policies, users);
        var insurer = fixtures.insurer(120, Money.yuan(50_000));
        assertThat(insurer.product().triggers()).contains(ClosureTrigger.MEDIATION_FAILED);
        PolicyView policy = fixtures.policy(insurer.product(), PolicyScope.MERCHANT, List.of(gym.id()), null,
                new CostSharing(0, 0, 10_000));
        Money aggregateAtStart = claimFigures.aggregateRemaining(policy.id(), filedOn);
        assertThat(aggregateAtStart).isEqualTo(Money.yuan(30_000_000));

        // 2,000 yuan for 60 sessions, 12 used: 1,600 yuan are left on the card
        ProductView pack = fx.pack(gym, Money.yuan(2_000));
        CardView card = fx.buy(consumer, pack);
        fx.redeem(consumer, card, staff, 12);
        assertThat(fx.cards.find(card.id()).orElseThrow().unredeemed()).isEqualTo(Money.yuan(1_600));
        fx.assertBooks("card bought and used", gym.id());

        // the complaint, through the API, with evidence
        Api.Response filed = api().as(consumer).post("/api/v1/complaints", Map.of("subject", "CARD", "subjectId", card.id(),
                "category", "REFUND_REFUSED", "asked", Map.of("amountMinor", 160_000, "currency", "CNY"),
                "askedAction", "退还剩余48次课的费用", "description", "健身房拒绝退还剩余课时费用，前台称概不退款。"),
                ComplaintFixtures.key());
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        UUID id = UUID.fromString(filed.json().get("id").asString());
        assertThat(filed.json().get("stage").asString()).isEqualTo("MERCHANT_NEGOTIATION");
        LocalDate negotiationDue = LocalDate.parse(filed.json().get("deadline").get("dueOn").asString());
        assertThat(negotiationDue).isEqualTo(workingDays.calendar().plusWorkingDays(filedOn, 10));
        if (filedOn.getYear() == 2026) {
            assertThat(negotiationDue).as("Sep 25-27 and Oct 1-7 off, Saturday Oct 10 worked").isEqualTo(LocalDate.of(2026, 10, 15));
        }
        Api.Response evidence = fx.upload(consumer, id, "收据.pdf", "application/pdf", ComplaintFixtures.PDF);
        assertThat(evidence.status()).as(evidence.body()).isEqualTo(201);
        assertThat(evidence.json().get("sha256").asString()).isEqualTo(Sha256.hex(ComplaintFixtures.PDF));
        assertThat(fx.openDeadlines(id)).isEqualTo(1);
        fx.assertBooks("complaint filed", gym.id());
        awaitNotice(consumer, "投诉");
        awaitNotice(staff, "收到顾客投诉");

        // the gym stays silent: every day the deadline job runs, nothing moves until the deadline has passed
        for (LocalDate day = filedOn.plusDays(1); !day.isAfter(negotiationDue); day = day.plusDays(1)) {
            at(day);
            deadlines.runDue();
            assertThat(stage(operator, consumer, id)).as("on " + day).isEqualTo("MERCHANT_NEGOTIATION");
        }
        at(negotiationDue.plusDays(1));
        assertThat(deadlines.runDue()).isGreaterThanOrEqualTo(1);
        JsonNode escalated = api().as(consumer).get("/api/v1/complaints/" + id).json();
        assertThat(escalated.get("stage").asString()).isEqualTo("PLATFORM_MEDIATION");
        assertThat(lastTimelineParty(consumer, id)).isEqualTo("DEADLINE");
        assertThat(fx.openDeadlines(id)).isEqualTo(1);
        fx.assertBooks("escalated automatically", gym.id());
        awaitNotice(consumer, "平台调解");
        awaitNotice(operator, "待平台调解");
        awaitNotice(users.create(Role.OPERATOR), "待平台调解"); // the role inbox: an operator who joined later sees it too
        var jdbc = context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        assertThat(jdbc.sql("select count(*) from notification.message where dedup_key like :k")
                .param("k", "complaint:" + id + ":stage:PLATFORM_MEDIATION:%").query(Long.class).single())
                .as("one notice per party, none per operator").isEqualTo(1L + staffCount(gym.id()));
        ComplaintFixtures.await(() -> notifications.inbox(consumer.actor(), 100, java.util.Locale.ENGLISH).stream()
                .anyMatch(n -> n.subject().contains("platform mediation")), "the notice in the reader's language");

        // the platform sends the case on to the consumer association, which accepts it
        Api.Response forwarded = api().as(operator).post("/api/v1/complaints/" + id + "/escalation",
                Map.of("to", "ASSOCIATION_ACCEPTANCE", "note", "商户拒不回应，转消费者协会"), ComplaintFixtures.key());
        assertThat(forwarded.status()).as(forwarded.body()).isEqualTo(200);
        assertThat(forwarded.json().get("stage").asString()).isEqualTo("ASSOCIATION_ACCEPTANCE");
        awaitNotice(association, "待受理");
        Api.Response accepted = api().as(association).post("/api/v1/complaints/" + id + "/acceptance", Map.of(),
                ComplaintFixtures.key());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("stage").asString()).isEqualTo("ASSOCIATION_MEDIATION");
        LocalDate mediationDue = LocalDate.parse(accepted.json().get("deadline").get("dueOn").asString());
        assertThat(mediationDue).isEqualTo(workingDays.calendar().plusWorkingDays(today(), 45));
        fx.assertBooks("association mediates", gym.id());

        // no agreement within 45 working days: mediation fails the day after
        at(mediationDue);
        deadlines.runDue();
        assertThat(stage(operator, consumer, id)).isEqualTo("ASSOCIATION_MEDIATION");
        at(mediationDue.plusDays(1));
        deadlines.runDue();
        JsonNode failed = api().as(consumer).get("/api/v1/complaints/" + id).json();
        assertThat(failed.get("stage").asString()).isEqualTo("CLOSED");
        assertThat(failed.get("outcome").asString()).isEqualTo("MEDIATION_FAILED");
        assertThat(failed.get("failureReason").asString()).isEqualTo("MEDIATION_TIME_ELAPSED");
        assertThat(fx.openDeadlines(id)).isZero();
        fx.assertBooks("mediation failed", gym.id());
        awaitNotice(consumer, "调解不成");

        // the claim is filed automatically against the covering policy, for what the consumer lost on the card
        ComplaintFixtures.await(() -> claims.ofCase(id).isPresent(), "the claim of complaint " + id);
        ClaimView claim = claims.ofCase(id).orElseThrow();
        assertThat(claim.status()).isEqualTo(ClaimStatus.FILED);
        assertThat(claim.trigger()).isEqualTo(ClosureTrigger.MEDIATION_FAILED);
        assertThat(claim.policyId()).isEqualTo(policy.id());
        assertThat(claim.claimed()).isEqualTo(Money.yuan(1_600));
        assertThat(claim.covered()).isEqualTo(Money.yuan(1_600));
        assertThat(claim.lines()).singleElement().satisfies(line -> {
            assertThat(line.cardId()).isEqualTo(card.id());
            assertThat(line.consumerId()).isEqualTo(consumer.id());
        });
        ComplaintFixtures.await(() -> complaints.view(consumer.actor(), id).claimId() != null, "claim recorded on the case");
        assertThat(claimFigures.aggregateRemaining(policy.id(), today())).isEqualTo(Money.yuan(30_000_000 - 1_600));

        // the insurer decides in its claims workspace: 1,000 of the 1,600 yuan
        Api.Response decided = api().as(insurer.login()).post("/api/v1/insurance/claims/" + claim.id() + "/decision",
                Map.of("lines", List.of(Map.of("cardId", card.id(), "decision", "REDUCED",
                        "amount", Map.of("amountMinor", 100_000, "currency", "CNY"),
                        "reason", "已使用课时按合同价扣除，另扣除赠课部分"))), ComplaintFixtures.key());
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        assertThat(decided.json().get("outcome").asString()).isEqualTo("PARTLY_APPROVED");
        assertThat(fx.balance(AccountType.INSURED_BENEFIT_PAYABLE, card.id())).isEqualTo(Money.yuan(1_000));
        assertThat(claims.recoveryOf(insurer.login().actor(), claim.id())).hasValueSatisfying(recovery -> {
            assertThat(recovery.merchantId()).isEqualTo(gym.id());
            assertThat(recovery.amount()).isEqualTo(Money.yuan(1_000));
        });
        assertThat(claimFigures.aggregateRemaining(policy.id(), today())).as("the policy's aggregate decreases")
                .isEqualTo(aggregateAtStart.minus(Money.yuan(1_000)));
        fx.assertBooks("claim partly approved", gym.id());
        // from approval on the insurer owes the consumer in place of the card's value: the card is held for it, so a
        // refund before the insurer pays cannot pay the consumer twice either (issue 10 item 4)
        assertThat(fx.cards.find(card.id()).orElseThrow().status()).isEqualTo(org.fangxin.card.CardStatus.FROZEN);
        assertThat(fx.cards.insurerPaid(card.id())).isEqualTo(Money.yuan(1_000));
        Api.Response refundBeforePayment = api().as(consumer).post("/api/v1/refunds", Map.of("cardId", card.id(),
                "reason", "QUALITY_DROP"), ComplaintFixtures.key());
        assertThat(refundBeforePayment.status()).as(refundBeforePayment.body()).isEqualTo(409);
        assertThat(refundBeforePayment.json().get("type").asString()).endsWith("card-held-for-insurer");
        fx.assertBooks("card held at approval", gym.id());
        awaitNotice(consumer, "理赔已部分核定");

        // the insurer pays the consumer directly: the benefit owed and the insurer's receivable go away together, and
        // the card's value up to what was paid passes to the insurer (subrogation): 1,000 leave the card and the escrow
        Money escrowBefore = fx.balance(AccountType.ESCROW, gym.id());
        Money advanceBefore = fx.balance(AccountType.MERCHANT_ADVANCE, gym.id());
        Api.Response paid = api().as(insurer.login()).post("/api/v1/insurance/claims/" + claim.id() + "/payment",
                Map.of("reference", "ZYNB-" + UUID.randomUUID().toString().substring(0, 8)), ComplaintFixtures.key());
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        assertThat(paid.json().get("status").asString()).isEqualTo("PAID");
        assertThat(fx.balance(AccountType.INSURED_BENEFIT_PAYABLE, card.id())).isEqualTo(Money.fen(0));
        assertThat(fx.ledger.findTransfer("claim-paid:" + id + ":" + claim.id())).isPresent();
        String subrogationKey = "subrogation:" + claim.id() + ":" + card.id();
        var subrogation = fx.ledger.sumsByPostingKeyPrefix(subrogationKey, Money.yuan(1).currency());
        assertThat(subrogation.debits(AccountType.CARD_LIABILITY)).isEqualTo(Money.yuan(1_000));
        assertThat(subrogation.credits(AccountType.ESCROW)).as("the value leaves escrow to the insurer").isEqualTo(Money.yuan(1_000));
        // 600 are left on the card and its advance may not exceed them: the excess is clawed back into escrow first
        Money clawedIntoEscrow = fx.ledger.sumsByPostingKeyPrefix("subrogation-clawback:" + claim.id() + ":" + card.id(),
                Money.yuan(1).currency()).debits(AccountType.ESCROW);
        assertThat(fx.balance(AccountType.ESCROW, gym.id())).isEqualTo(escrowBefore.minus(Money.yuan(1_000)).plus(clawedIntoEscrow));
        CardView held = fx.cards.find(card.id()).orElseThrow();
        assertThat(held.unredeemed()).as("the rest stays on the held card for its holder").isEqualTo(Money.yuan(600));
        assertThat(held.advanceOutstanding()).isLessThanOrEqualTo(Money.yuan(600));
        assertThat(fx.balance(AccountType.MERCHANT_ADVANCE, gym.id())).isLessThanOrEqualTo(advanceBefore);
        assertThat(held.status()).isEqualTo(org.fangxin.card.CardStatus.FROZEN);
        assertThat(held.refunded()).as("the holder received it, from the insurer").isEqualTo(Money.yuan(1_000));
        assertThat(claims.recoveryOf(insurer.login().actor(), claim.id())).hasValueSatisfying(recovery -> {
            assertThat(recovery.recoveredFromEscrow()).isEqualTo(Money.yuan(1_000));
            assertThat(recovery.outstanding()).as("the recovery shrinks by what escrow returned").isEqualTo(Money.fen(0));
        });
        fx.assertBooks("insurer paid the consumer and took the card's value", gym.id());
        awaitNotice(consumer, "保险赔款已支付");
        String page = org.fangxin.testing.FormSession.loggedIn(port, consumer.username()).get("/complaints/" + id).body();
        assertThat(page).as("the case page shows the claim's state").contains("id=\"claim-paid\"").contains("¥1,000.00")
                .contains("id=\"card-held\"");

        // the insurer paid in place of the card's value: the consumer cannot be paid twice (issue 10 item 4). The card
        // stays held (FROZEN) with its rest: no refund, no agreed refund, no redemption; a retried payment moves nothing
        Api.Response refund = api().as(consumer).post("/api/v1/refunds", Map.of("cardId", card.id(),
                "reason", "QUALITY_DROP"), ComplaintFixtures.key());
        assertThat(refund.status()).as(refund.body()).isEqualTo(409);
        assertThat(refund.json().get("type").asString()).endsWith("card-held-for-insurer");
        Api.Response code = api().as(consumer).post("/api/v1/cards/" + card.id() + "/redemption-codes", null);
        assertThat(code.status()).as(code.body()).isEqualTo(409);
        assertThat(code.json().get("type").asString()).endsWith("card-held-for-insurer");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> context.getBean(org.fangxin.refund.Refunds.class)
                        .refundByAgreement(card.id(), Money.yuan(600), "agreement after the claim"))
                .isInstanceOf(org.fangxin.shared.Rejection.class).hasMessageContaining("insurer");
        var paidSums = fx.ledger.sumsByPostingKeyPrefix("claim-paid:" + id + ":", held.paid().currency());
        Api.Response again = api().as(insurer.login()).post("/api/v1/insurance/claims/" + claim.id() + "/payment",
                Map.of("reference", "retry"), ComplaintFixtures.key());
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(fx.ledger.sumsByPostingKeyPrefix("claim-paid:" + id + ":", held.paid().currency()))
                .as("a retried payment posts nothing").isEqualTo(paidSums);
        assertThat(fx.ledger.sumsByPostingKeyPrefix(subrogationKey, held.paid().currency())).isEqualTo(subrogation);
        assertThat(subrogate(card.id(), claim.id(), Money.yuan(1_000)).subrogated())
                .as("subrogating again answers the first result").isEqualTo(Money.yuan(1_000));
        assertThat(fx.ledger.sumsByPostingKeyPrefix(subrogationKey, held.paid().currency()))
                .as("and moves nothing").isEqualTo(subrogation);
        assertThat(fx.cards.insurerPaid(card.id())).as("nor holds twice").isEqualTo(Money.yuan(1_000));
        assertThat(fx.cards.find(card.id()).orElseThrow().unredeemed()).isEqualTo(Money.yuan(600));
        fx.assertBooks("refund, redemption and retry refused", gym.id());
        String cardPage = org.fangxin.testing.FormSession.loggedIn(port, consumer.username()).get("/cards/" + card.id()).body();
        assertThat(cardPage).as("the card page says why it is held").contains("id=\"insurer-hold\"").contains("¥1,000.00");
    }

    private org.fangxin.card.Subrogation subrogate(UUID cardId, UUID claimId, Money paid) {
        return new org.springframework.transaction.support.TransactionTemplate(
                context.getBean(org.springframework.transaction.PlatformTransactionManager.class))
                .execute(tx -> fx.cards.subrogateToInsurer(cardId, claimId, paid));
    }

    /** 09:00 in Shanghai on the Thursday before Mid-Autumn 2026 (or the same week of a later year, listed the same way). */
    private LocalDate thursdayBeforeMidAutumn() {
        LocalDate now = LocalDate.ofInstant(clock.instant(), SHANGHAI);
        LocalDate target = LocalDate.of(2026, 9, 24);
        if (!now.isBefore(target)) {
            int year = now.getYear() + 1;
            target = LocalDate.of(year, 9, 24);
            while (target.getDayOfWeek() != DayOfWeek.THURSDAY) {
                target = target.minusDays(1);
            }
            var operator = users.create(Role.OPERATOR).actor();
            for (LocalDate d = LocalDate.of(year, 10, 1); d.getDayOfMonth() <= 7; d = d.plusDays(1)) {
                workingDays.set(operator, d, DayKind.HOLIDAY, "国庆节 test " + year);
            }
        }
        at(target);
        return target;
    }

    private void at(LocalDate day) {
        Instant instant = day.atTime(LocalTime.of(9, 0)).atZone(SHANGHAI).toInstant();
        if (instant.isAfter(clock.instant())) {
            clock.set(instant);
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), SHANGHAI);
    }

    private String stage(UserAccount operator, UserAccount consumer, UUID id) {
        return api().as(consumer).get("/api/v1/complaints/" + id).json().get("stage").asString();
    }

    private String lastTimelineParty(UserAccount consumer, UUID id) {
        JsonNode timeline = api().as(consumer).get("/api/v1/complaints/" + id + "/timeline").json();
        return timeline.get(timeline.size() - 1).get("party").asString();
    }

    private void awaitNotice(UserAccount user, String subjectPart) {
        ComplaintFixtures.await(() -> notifications.inbox(user.actor(), 100).stream().map(NotificationView::subject)
                .anyMatch(s -> s.contains(subjectPart)), "a notice '" + subjectPart + "' to " + user.username());
    }

    private long staffCount(UUID merchantId) {
        return context.getBean(org.fangxin.identity.Users.class).ofMerchant(merchantId).size();
    }
}
