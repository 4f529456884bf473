package org.fangxin.card.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.fangxin.shared.Rejection;
import org.junit.jupiter.api.Test;

class EntitlementTests {

    static final LocalDate FROM = LocalDate.of(2026, 3, 2);

    @Test
    void twelveOfSixtySessionsOfTwoThousandYuanEarnExactlyFourHundred() {
        Entitlement card = Entitlement.issued(Entitlement.Kind.SESSION_PACK, 200_000, Entitlement.advanceFor(200_000, 4000), 60, null,
                FROM, FROM.plusMonths(3));
        for (int i = 0; i < 12; i++) {
            card = card.redeemSessions(1).after();
        }
        assertThat(card.earnedMinor()).isEqualTo(40_000);
        assertThat(card.unredeemedMinor()).isEqualTo(160_000);
    }

    @Test
    void aThreeHundredYuanPassAfterFourteenOfThirtyDaysHasOneHundredSixtyLeft() {
        Entitlement pass = Entitlement.issued(Entitlement.Kind.PERIOD_PASS, 30_000, 0, null, null, FROM, FROM.plusDays(29));
        Entitlement after = pass.releaseThrough(FROM.plusDays(13)).after();
        assertThat(after.unredeemedMinor()).isEqualTo(16_000);
    }

    @Test
    void advanceIsTheUnsupervisedShareRoundedDown() {
        assertThat(Entitlement.advanceFor(200_000, 4000)).isEqualTo(120_000);
        assertThat(Entitlement.advanceFor(99_999, 4000)).isEqualTo(59_999);
        assertThat(Entitlement.advanceFor(300_000, 10_000)).isZero();
    }

    @Test
    void refusesMoreSessionsThanLeftAndTheWrongKind() {
        Entitlement card = Entitlement.issued(Entitlement.Kind.SESSION_PACK, 10_000, 0, 2, null, FROM, FROM.plusMonths(1));
        assertThatThrownBy(() -> card.redeemSessions(3)).isInstanceOf(Rejection.class)
                .extracting(e -> ((Rejection) e).type()).isEqualTo(Entitlement.NOT_ENOUGH_LEFT);
        assertThatThrownBy(() -> card.redeemAmount(100)).isInstanceOf(Rejection.class)
                .extracting(e -> ((Rejection) e).type()).isEqualTo(Entitlement.KIND_MISMATCH);
    }

    @Test
    void tokensVerifyOnlyWhenUntouched() {
        RedemptionTokens tokens = new RedemptionTokens("a-test-key-of-some-length");
        UUID id = UUID.randomUUID();
        Instant expires = Instant.parse("2026-03-02T02:02:00Z");
        String token = tokens.sign(id, expires);
        assertThat(tokens.verify(token)).contains(new RedemptionTokens.Claim(id, expires));
        assertThat(tokens.verify(token.substring(0, token.length() - 2) + "AA")).isEmpty();
        assertThat(new RedemptionTokens("another-key-of-some-length").verify(token)).isEmpty();
        assertThat(tokens.verify("garbage")).isEmpty();
    }
}
