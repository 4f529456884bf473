package org.fangxin.card.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.fangxin.card.CardRedeemed;
import org.fangxin.card.CardStatus;
import org.fangxin.card.CardSurrendered;
import org.fangxin.card.CardValueReleased;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.junit.jupiter.api.Test;

/** The card aggregate's transitions: the rules they check, the state after them and the event they cause. */
class CardTests {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate FROM = LocalDate.of(2026, 3, 2);
    /** 10:00 in Shanghai on the first valid day. */
    static final Instant FIRST_DAY = FROM.atTime(10, 0).atZone(SHANGHAI).toInstant();
    static final UUID HOLDER = UUID.randomUUID();
    static final UUID MERCHANT = UUID.randomUUID();
    static final UUID STORE = UUID.randomUUID();

    /** A 2,000-yuan pack of 60 sessions, valid three months, 40% supervised (1,200 yuan advanced). */
    static Card gymPack() {
        Money paid = Money.yuan(2_000);
        return card(Entitlement.issued(Entitlement.Kind.SESSION_PACK, paid, Entitlement.advanceFor(paid, 4000), 60, null,
                new Validity(FROM, FROM.plusMonths(3).minusDays(1))));
    }

    /** A 300-yuan pass for 30 days, nothing advanced. */
    static Card monthPass() {
        return card(Entitlement.issued(Entitlement.Kind.PERIOD_PASS, Money.yuan(300), Money.fen(0), null, null,
                new Validity(FROM, FROM.plusDays(29))));
    }

    static Card storedValue() {
        return card(Entitlement.issued(Entitlement.Kind.STORED_VALUE, Money.yuan(1_000), Money.fen(0), null,
                Money.yuan(1_100), new Validity(FROM, FROM.plusYears(1))));
    }

    static Card card(Entitlement entitlement) {
        return new Card(UUID.randomUUID(), HOLDER, MERCHANT, "健身 60 次卡", CardStatus.ACTIVE, SHANGHAI, entitlement);
    }

    static Instant day(int daysAfterFirst) {
        return FIRST_DAY.plusSeconds(86_400L * daysAfterFirst);
    }

    static ProblemType refusal(Runnable transition) {
        try {
            transition.run();
        } catch (Rejection rejection) {
            return rejection.type();
        }
        throw new AssertionError("the transition was not refused");
    }

    @Test
    void redeemingASessionEarnsItsShareAndSettlesTheAdvanceFirst() {
        Card pack = gymPack();
        UUID redemptionId = UUID.randomUUID();
        Card.Change<CardRedeemed> change = pack.redeem(new Card.Use(1, null), redemptionId, STORE, day(0));
        CardRedeemed redeemed = change.event();
        assertThat(redeemed.value()).isEqualTo(Money.fen(3_333));
        assertThat(redeemed.advanceNetted()).isEqualTo(Money.fen(3_333));
        assertThat(redeemed).extracting(CardRedeemed::redemptionId, CardRedeemed::cardId, CardRedeemed::holderId,
                CardRedeemed::merchantId, CardRedeemed::storeId, CardRedeemed::sessions, CardRedeemed::occurredAt)
                .containsExactly(redemptionId, pack.id(), HOLDER, MERCHANT, STORE, 1, day(0));
        assertThat(change.after().entitlement().sessionsRemaining()).isEqualTo(59);
        assertThat(change.after().entitlement().advanceOutstanding()).isEqualTo(Money.fen(116_667));
        assertThat(pack.entitlement().sessionsRemaining()).as("the card itself never changes").isEqualTo(60);
    }

    @Test
    void theLastSessionCanBeRedeemedOnceAndDrainsTheRest() {
        Card pack = gymPack();
        Card afterAll = pack.redeem(new Card.Use(59, null), UUID.randomUUID(), STORE, day(1)).after();
        Card.Change<CardRedeemed> last = afterAll.redeem(new Card.Use(1, null), UUID.randomUUID(), STORE, day(2));
        assertThat(last.after().entitlement().earned()).isEqualTo(Money.yuan(2_000));
        assertThat(last.after().entitlement().advanceOutstanding().isZero()).isTrue();
        assertThat(refusal(() -> last.after().redeem(new Card.Use(1, null), UUID.randomUUID(), STORE, day(2))))
                .isEqualTo(Entitlement.NOT_ENOUGH_LEFT);
    }

    @Test
    void storedValueIsSpentProRataToItsFaceValue() {
        CardRedeemed redeemed = storedValue().redeem(new Card.Use(null, Money.yuan(110)), UUID.randomUUID(), STORE, day(0))
                .event();
        assertThat(redeemed.amount()).isEqualTo(Money.yuan(110));
        assertThat(redeemed.value()).isEqualTo(Money.yuan(100));
    }

    @Test
    void onlyAnActiveCardOnAValidDayIsRedeemed() {
        Card pack = gymPack();
        Card.Use one = new Card.Use(1, null);
        Card frozen = pack.freeze(day(0)).after();
        assertThat(refusal(() -> frozen.redeem(one, UUID.randomUUID(), STORE, day(0)))).isEqualTo(Card.NOT_ACTIVE);
        assertThat(refusal(() -> pack.redeem(one, UUID.randomUUID(), STORE, day(-1)))).isEqualTo(Card.NOT_VALID_TODAY);
        Instant lastDayLateEvening = pack.validity().until().atTime(23, 59).atZone(SHANGHAI).toInstant();
        assertThat(pack.redeem(one, UUID.randomUUID(), STORE, lastDayLateEvening).event().value().isPositive()).isTrue();
        assertThat(refusal(() -> pack.redeem(one, UUID.randomUUID(), STORE, lastDayLateEvening.plusSeconds(120))))
                .as("the day ends in the card's zone, not in UTC").isEqualTo(Card.NOT_VALID_TODAY);
    }

    @Test
    void aRedemptionUsesEitherSessionsOrAnAmountInTheCardsCurrency() {
        Card pack = gymPack();
        assertThat(refusal(() -> pack.redeem(new Card.Use(null, null), UUID.randomUUID(), STORE, day(0))))
                .isEqualTo(ProblemType.INVALID_INPUT);
        assertThat(refusal(() -> pack.redeem(new Card.Use(1, Money.yuan(1)), UUID.randomUUID(), STORE, day(0))))
                .isEqualTo(ProblemType.INVALID_INPUT);
        assertThat(refusal(() -> storedValue().redeem(new Card.Use(null, new Money(100, java.util.Currency.getInstance("USD"))),
                UUID.randomUUID(), STORE, day(0)))).isEqualTo(ProblemType.INVALID_INPUT);
        assertThat(refusal(() -> pack.redeem(new Card.Use(null, Money.yuan(1)), UUID.randomUUID(), STORE, day(0))))
                .isEqualTo(Entitlement.KIND_MISMATCH);
    }

    @Test
    void aRequestIsCheckedLikeARedemptionAndChangesNothing() {
        Card pack = gymPack();
        var requested = pack.requestRedemption(new Card.Use(2, null), UUID.randomUUID(), day(0).plusSeconds(300), day(0));
        assertThat(requested.after()).isSameAs(pack);
        assertThat(requested.event().sessions()).isEqualTo(2);
        assertThat(requested.event().expiresAt()).isEqualTo(day(0).plusSeconds(300));
        assertThat(refusal(() -> pack.requestRedemption(new Card.Use(61, null), UUID.randomUUID(), day(0), day(0))))
                .isEqualTo(Entitlement.NOT_ENOUGH_LEFT);
    }

    @Test
    void aPassHasNoRedemptionCodes() {
        assertThat(refusal(() -> monthPass().requireRedeemableByCode(day(0)))).isEqualTo(Entitlement.KIND_MISMATCH);
        gymPack().requireRedeemableByCode(day(0));
    }

    @Test
    void aPassEarnsItsDaysThroughYesterdayAndTheFourteenthDayLeavesOneHundredSixty() {
        Card pass = monthPass();
        assertThat(pass.release(day(0))).as("nothing due on the first day").isEmpty();
        Card.Change<CardValueReleased> released = pass.release(day(14)).orElseThrow();
        assertThat(released.event().through()).isEqualTo(FROM.plusDays(13));
        assertThat(released.event().value()).isEqualTo(Money.yuan(140));
        assertThat(released.after().entitlement().unredeemed()).isEqualTo(Money.yuan(160));
        assertThat(released.after().release(day(14))).as("released once").isEmpty();
        assertThat(gymPack().release(day(14))).as("only passes earn by days").isEmpty();
        assertThat(refusal(() -> pass.freeze(day(1)).after().release(day(14)))).isEqualTo(Card.NOT_ACTIVE);
    }

    @Test
    void anUpheldDisputeGivesTheUseBackToAnActiveCardOnly() {
        Card pack = gymPack();
        CardRedeemed redeemed = pack.redeem(new Card.Use(2, null), UUID.randomUUID(), STORE, day(0)).event();
        Card used = pack.redeem(new Card.Use(2, null), UUID.randomUUID(), STORE, day(0)).after();
        Card restored = used.reverse(redeemed.redemptionId(), new Card.Use(2, null), redeemed.value(),
                redeemed.advanceNetted(), day(1)).after();
        assertThat(restored.entitlement()).isEqualTo(pack.entitlement());
        Card frozen = used.freeze(day(1)).after();
        assertThat(refusal(() -> frozen.reverse(redeemed.redemptionId(), new Card.Use(2, null), redeemed.value(),
                redeemed.advanceNetted(), day(1)))).isEqualTo(Card.NOT_ACTIVE);
    }

    @Test
    void surrenderEndsAnActiveCardWithWhatIsLeft() {
        Card pack = gymPack().redeem(new Card.Use(12, null), UUID.randomUUID(), STORE, day(0)).after();
        Card.Change<CardSurrendered> refunded = pack.surrender(CardStatus.REFUNDED, day(1));
        assertThat(refunded.after().status()).isEqualTo(CardStatus.REFUNDED);
        assertThat(refunded.event().unredeemed()).isEqualTo(Money.yuan(1_600));
        assertThat(refunded.event().status()).isEqualTo(CardStatus.REFUNDED);
        assertThat(refusal(() -> refunded.after().surrender(CardStatus.REFUNDED, day(1)))).isEqualTo(Card.NOT_ACTIVE);
        assertThatThrownBy(() -> pack.surrender(CardStatus.TRANSFERRED, day(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExpiringPassMustHaveEarnedItsDaysFirst() {
        Card pass = monthPass();
        Instant afterExpiry = day(31);
        assertThatThrownBy(() -> pass.surrender(CardStatus.EXPIRED, afterExpiry)).isInstanceOf(IllegalStateException.class);
        Card released = pass.release(afterExpiry).orElseThrow().after();
        assertThat(released.surrender(CardStatus.EXPIRED, afterExpiry).event().unredeemed().isZero()).isTrue();
    }

    @Test
    void aTransferHandsTheRestToASuccessorCard() {
        Card pass = monthPass();
        UUID recipient = UUID.randomUUID();
        UUID successorId = UUID.randomUUID();
        Card released = pass.release(day(14)).orElseThrow().after();
        Card.Transfer transfer = released.transfer(UUID.randomUUID(), successorId, recipient, day(14));
        assertThat(transfer.ended().status()).isEqualTo(CardStatus.TRANSFERRED);
        Card successor = transfer.successor();
        assertThat(successor.id()).isEqualTo(successorId);
        assertThat(successor.holderId()).isEqualTo(recipient);
        assertThat(successor.status()).isEqualTo(CardStatus.ACTIVE);
        assertThat(successor.entitlement().paid()).isEqualTo(Money.yuan(160));
        assertThat(successor.validity()).isEqualTo(new Validity(FROM.plusDays(14), FROM.plusDays(29)));
        assertThat(transfer.event().amount()).isEqualTo(Money.yuan(160));
        assertThat(transfer.event().toHolderId()).isEqualTo(recipient);
        assertThatThrownBy(() -> pass.transfer(UUID.randomUUID(), successorId, recipient, day(14)))
                .as("days due must be earned before the card changes hands").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTransferNeedsAnActiveUnexpiredCardWithSomethingLeftAndAnotherHolder() {
        Card pack = gymPack();
        assertThat(refusal(() -> pack.transfer(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), day(200))))
                .isEqualTo(Card.NOT_VALID_TODAY);
        Card empty = pack.redeem(new Card.Use(60, null), UUID.randomUUID(), STORE, day(0)).after();
        assertThat(refusal(() -> empty.transfer(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), day(0))))
                .isEqualTo(Card.NOTHING_TO_TRANSFER);
        assertThatThrownBy(() -> pack.transfer(UUID.randomUUID(), UUID.randomUUID(), HOLDER, day(0)))
                .isInstanceOf(IllegalArgumentException.class);
        pack.requireTransferable(day(-1));
    }

    @Test
    void freezingHoldsAnActiveCardOnce() {
        Card pack = gymPack();
        var frozen = pack.freeze(day(3));
        assertThat(frozen.after().status()).isEqualTo(CardStatus.FROZEN);
        assertThat(frozen.after().entitlement()).isEqualTo(pack.entitlement());
        assertThat(frozen.event().cardId()).isEqualTo(pack.id());
        assertThat(refusal(() -> frozen.after().freeze(day(3)))).isEqualTo(Card.NOT_ACTIVE);
    }
}
