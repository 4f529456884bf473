package org.fangxin.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.card.CardStatus;
import org.fangxin.card.CardView;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.refund.RefundMethodApplied;
import org.fangxin.refund.RefundReason;
import org.fangxin.refund.RefundStatus;
import org.fangxin.refund.RefundView;
import org.fangxin.refund.Refunds;
import org.fangxin.rules.Rules;
import org.fangxin.settlement.PayoutHolds;
import org.fangxin.shared.Money;
import org.fangxin.testing.FormSession;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Issue 10 "Done when", second journey: a complaint about one redemption freezes its release (the card's dispute
 * hold) → the gym refuses → the consumer escalates → the platform proposes a partial refund → both parties accept →
 * the platform carries it out through the refund module (merchant at fault: no fee) → the refund is paid → the case
 * closes upheld and the redemption's release resumes. The gym keeps everything in escrow (supervision ratio 100 %),
 * so the held amount is the redemption's whole value; the ledger invariants and escrow identity hold after every step.
 */
class AgreementJourneyTests extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired Rules rules;
    @Autowired Refunds refunds;
    @Autowired List<PayoutHolds> holds;

    @Test
    void anAgreedPartialRefundIsPaidWithoutFeeAndTheFrozenReleaseResumes() {
        ComplaintFixtures fx = new ComplaintFixtures(context, users, clock, this::api, port);
        TestMerchants.Created gym = fx.fullyEscrowedGym(rules);
        UserAccount staff = fx.merchants.staff(gym.id());
        UserAccount consumer = users.create(Role.CONSUMER);
        UserAccount operator = users.create(Role.OPERATOR);
        PayoutHolds disputeHold = holds.stream().filter(h -> h.getClass().getSimpleName().startsWith("DisputedRedemption"))
                .findFirst().orElseThrow();

        CardView card = fx.buy(consumer, fx.pack(gym, Money.yuan(2_000)));
        UUID redemption = fx.redeem(consumer, card, staff, 5);
        Money value = Money.fen(2_000_00L * 5 / 60);
        assertThat(disputeHold.heldFor(gym.id(), Money.CNY)).isEqualTo(Money.fen(0));
        fx.assertBooks("redeemed", gym.id());

        // the complaint about that redemption freezes its release
        Api.Response filed = api().as(consumer).post("/api/v1/complaints", Map.of("subject", "REDEMPTION",
                "subjectId", redemption, "category", "QUALITY", "asked", Map.of("amountMinor", 60_000, "currency", "CNY"),
                "description", "教练缺席，课程被改为自习，仍被核销了5次课。"), ComplaintFixtures.key());
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        UUID id = UUID.fromString(filed.json().get("id").asString());
        assertThat(filed.json().get("redemptionHeld").asBoolean()).isTrue();
        assertThat(redemptionStatus(consumer, card, redemption)).isEqualTo("DISPUTED");
        assertThat(disputeHold.heldFor(gym.id(), Money.CNY)).as("the release is frozen").isEqualTo(value);
        fx.assertBooks("complaint filed", gym.id());

        // the gym refuses; the consumer escalates at once; the platform proposes a partial refund of 600 yuan
        Api.Response refused = api().as(gym.owner()).post("/api/v1/complaints/" + id + "/refusal",
                Map.of("reason", "课程已按排期提供"), ComplaintFixtures.key());
        assertThat(refused.status()).as(refused.body()).isEqualTo(200);
        Api.Response escalated = api().as(consumer).post("/api/v1/complaints/" + id + "/escalation",
                Map.of("to", "PLATFORM_MEDIATION"), ComplaintFixtures.key());
        assertThat(escalated.json().get("stage").asString()).as(escalated.body()).isEqualTo("PLATFORM_MEDIATION");
        Api.Response proposed = api().as(operator).post("/api/v1/complaints/" + id + "/agreements", Map.of("remedy", "REFUND",
                "amount", Map.of("amountMinor", 60_000, "currency", "CNY"), "terms", "商户退还600元，合同终止"),
                ComplaintFixtures.key());
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(200);
        assertThat(proposed.json().get("agreement").get("status").asString()).isEqualTo("PROPOSED");
        fx.assertBooks("agreement proposed", gym.id());

        // both accept (answering moves money, so it needs an Idempotency-Key); the refund is made at once, without fee
        String answer = "/api/v1/complaints/" + id + "/agreement/answer";
        assertThat(api().as(consumer).post(answer, Map.of("accept", true)).code()).isEqualTo("idempotency-key-missing");
        String consumerKey = ComplaintFixtures.key();
        assertThat(api().as(consumer).post(answer, Map.of("accept", true), consumerKey).status()).isEqualTo(200);
        assertThat(api().as(consumer).post(answer, Map.of("accept", true), consumerKey).header("Idempotent-Replayed"))
                .isEqualTo("true");
        Api.Response agreed = api().as(gym.owner()).post(answer, Map.of("accept", true), ComplaintFixtures.key());
        assertThat(agreed.status()).as(agreed.body()).isEqualTo(200);
        assertThat(agreed.json().get("stage").asString()).isEqualTo("PERFORMANCE");
        UUID refundId = UUID.fromString(agreed.json().get("agreement").get("refundId").asString());
        RefundView refund = refunds.view(operator.actor(), refundId);
        assertThat(refund.reason()).isEqualTo(RefundReason.COMPLAINT_AGREEMENT);
        assertThat(refund.method()).isEqualTo(RefundMethodApplied.AGREED);
        assertThat(refund.status()).isEqualTo(RefundStatus.APPROVED);
        assertThat(refund.refund()).isEqualTo(Money.yuan(600));
        assertThat(refund.fee()).as("merchant at fault: no fee").isEqualTo(Money.fen(0));
        assertThat(refund.retained()).isEqualTo(refund.unredeemed().minus(Money.yuan(600)));
        assertThat(disputeHold.heldFor(gym.id(), Money.CNY)).as("still frozen until performed").isEqualTo(value);
        fx.assertBooks("agreement accepted, refund approved", gym.id());

        // the provider pays the refund: the case closes upheld and the release resumes
        fx.payRefund("refund:" + refundId);
        ComplaintFixtures.await(() -> "CLOSED".equals(api().as(consumer).get("/api/v1/complaints/" + id).json()
                .get("stage").asString()), "the case to close");
        JsonNode closed = api().as(consumer).get("/api/v1/complaints/" + id).json();
        assertThat(closed.get("outcome").asString()).isEqualTo("AGREEMENT_PERFORMED");
        assertThat(closed.get("redemptionHeld").asBoolean()).isFalse();
        assertThat(refunds.view(operator.actor(), refundId).status()).isEqualTo(RefundStatus.PAID);
        assertThat(redemptionStatus(consumer, card, redemption)).isEqualTo("REDEEMED");
        assertThat(disputeHold.heldFor(gym.id(), Money.CNY)).as("the release is unfrozen").isEqualTo(Money.fen(0));
        CardView ended = fx.cards.find(card.id()).orElseThrow();
        assertThat(ended.status()).isEqualTo(CardStatus.REFUNDED);
        assertThat(ended.refunded()).isEqualTo(Money.yuan(600));
        assertThat(fx.openDeadlines(id)).isZero();
        fx.assertBooks("refund paid, case closed", gym.id());

        // the timeline stores the platform's notes as message keys; the page shows them in the reader's language
        JsonNode timeline = api().as(consumer).get("/api/v1/complaints/" + id + "/timeline").json();
        assertThat(timeline.get(timeline.size() - 2).get("noteKey").asString()).isEqualTo("complaint.timeline.note.agreed.REFUND");
        assertThat(timeline.get(timeline.size() - 1).get("noteKey").asString()).isEqualTo("complaint.timeline.note.refundPaid");
        assertThat(FormSession.loggedIn(port, consumer.username()).get("/complaints/" + id).body())
                .contains("双方接受协议：退款", "协议退款已支付")
                .doesNotContain(">REFUND<");
        assertThat(FormSession.loggedIn(port, consumer.username()).get("/complaints/" + id + "?lang=en").body())
                .contains("Both parties accepted the agreement: refund", "The agreed refund was paid");

        JsonNode statistics = api().get("/api/v1/public/merchants/" + gym.id() + "/complaint-statistics").json();
        assertThat(statistics.get("filed").asLong()).isEqualTo(1);
        assertThat(statistics.get("agreementPerformed").asLong()).isEqualTo(1);
        assertThat(statistics.get("upheldRateBp").asInt()).isEqualTo(10_000);
        assertThat(statistics.has("description")).isFalse();
    }

    private String redemptionStatus(UserAccount consumer, CardView card, UUID redemption) {
        for (JsonNode r : api().as(consumer).get("/api/v1/cards/" + card.id() + "/redemptions").json()) {
            if (r.get("id").asString().equals(redemption.toString())) {
                return r.get("status").asString();
            }
        }
        throw new AssertionError("redemption " + redemption + " not listed");
    }

    @Test
    void agreedCompensationIsSetAsideFromTheMerchantsEarningsOnceTheyHoldItAndPaidOutByTheOperator() {
        ComplaintFixtures fx = new ComplaintFixtures(context, users, clock, this::api, port);
        TestMerchants.Created gym = fx.fullyEscrowedGym(rules);
        UserAccount staff = fx.merchants.staff(gym.id());
        UserAccount consumer = users.create(Role.CONSUMER);
        UserAccount operator = users.create(Role.OPERATOR);
        CardView card = fx.buy(consumer, fx.pack(gym, Money.yuan(2_000)));
        fx.redeem(consumer, card, staff, 3);
        assertThat(fx.balance(org.fangxin.ledger.AccountType.MERCHANT_PAYABLE, gym.id())).isEqualTo(Money.yuan(100));

        Api.Response filed = api().as(consumer).post("/api/v1/complaints", Map.of("subject", "CARD", "subjectId", card.id(),
                "category", "QUALITY", "asked", Map.of("amountMinor", 15_000, "currency", "CNY"),
                "description", "私教课上受伤，教练未按安全规范操作。"), ComplaintFixtures.key());
        UUID id = UUID.fromString(filed.json().get("id").asString());
        api().as(gym.owner()).post("/api/v1/complaints/" + id + "/refusal", Map.of("reason", "不同意赔偿"), ComplaintFixtures.key());
        api().as(consumer).post("/api/v1/complaints/" + id + "/escalation", Map.of("to", "PLATFORM_MEDIATION"), ComplaintFixtures.key());
        Api.Response proposed = api().as(operator).post("/api/v1/complaints/" + id + "/agreements", Map.of("remedy", "COMPENSATION",
                "amount", Map.of("amountMinor", 15_000, "currency", "CNY"), "terms", "商户赔偿医药费150元"), ComplaintFixtures.key());
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(200);
        String answer = "/api/v1/complaints/" + id + "/agreement/answer";
        api().as(consumer).post(answer, Map.of("accept", true), ComplaintFixtures.key());
        JsonNode performing = api().as(gym.owner()).post(answer, Map.of("accept", true), ComplaintFixtures.key()).json();
        assertThat(performing.get("stage").asString()).isEqualTo("PERFORMANCE");
        assertThat(performing.get("agreement").get("compensationSetAsideAt").isNull()).as("payable 100 < 150").isTrue();
        fx.assertBooks("compensation agreed, payable short", gym.id());

        // the gym earns more; the job sets the compensation aside from its payable
        fx.redeem(consumer, card, staff, 3);
        context.getBean(org.fangxin.complaint.workflow.ComplaintDeadlines.class).runDue();
        JsonNode setAside = api().as(operator).get("/api/v1/complaints/" + id).json();
        assertThat(setAside.get("agreement").get("compensationSetAsideAt").isNull()).isFalse();
        assertThat(fx.balance(org.fangxin.ledger.AccountType.MERCHANT_PAYABLE, gym.id())).isEqualTo(Money.yuan(50));
        assertThat(fx.balance(org.fangxin.ledger.AccountType.CONSUMER_REFUNDS_PAYABLE, card.id())).isEqualTo(Money.yuan(150));
        fx.assertBooks("compensation set aside", gym.id());
        assertThat(api().as(consumer).post("/api/v1/complaints/" + id + "/agreement/performance-confirmation", Map.of(),
                ComplaintFixtures.key()).code()).isEqualTo("agreement-not-being-performed");

        // the operator pays it out and records the transfer: the case closes upheld
        Money escrowBefore = fx.balance(org.fangxin.ledger.AccountType.ESCROW, gym.id());
        String payout = "/api/v1/complaints/" + id + "/agreement/compensation-payout";
        assertThat(api().as(gym.owner()).post(payout, Map.of("reference", "X"), ComplaintFixtures.key()).status()).isEqualTo(409);
        Api.Response paid = api().as(operator).post(payout, Map.of("reference", "BOC-20261104-0001"), ComplaintFixtures.key());
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        assertThat(paid.json().get("outcome").asString()).isEqualTo("AGREEMENT_PERFORMED");
        assertThat(fx.balance(org.fangxin.ledger.AccountType.CONSUMER_REFUNDS_PAYABLE, card.id())).isEqualTo(Money.fen(0));
        assertThat(fx.balance(org.fangxin.ledger.AccountType.ESCROW, gym.id())).isEqualTo(escrowBefore.minus(Money.yuan(150)));
        fx.assertBooks("compensation paid", gym.id());
        assertThat(api().as(operator).post(payout, Map.of("reference", "BOC-again"), ComplaintFixtures.key()).code())
                .isEqualTo("agreement-not-being-performed");
    }
}
