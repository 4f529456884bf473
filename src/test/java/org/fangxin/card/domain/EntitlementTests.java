package org.fangxin.card.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.junit.jupiter.api.Test;

class EntitlementTests {

    static final LocalDate FROM = LocalDate.of(2026, 3, 2);

    @Test
    void twelveOfSixtySessionsOfTwoThousandYuanEarnExactlyFourHundred() {
        Entitlement card = Entitlement.issued(Entitlement.Kind.SESSION_PACK, Money.fen(200_000),
                Entitlement.advanceFor(Money.fen(200_000), 4000), 60, null, new Validity(FROM, FROM.plusMonths(3)));
        for (int i = 0; i < 12; i++) {
            card = card.redeemSessions(1).after();
        }
        assertThat(card.earned()).isEqualTo(Money.yuan(400));
        assertThat(card.unredeemed()).isEqualTo(Money.yuan(1_600));
    }

    @Test
    void aThreeHundredYuanPassAfterFourteenOfThirtyDaysHasOneHundredSixtyLeft() {
        Entitlement pass = Entitlement.issued(Entitlement.Kind.PERIOD_PASS, Money.yuan(300), Money.fen(0), null, null,
                new Validity(FROM, FROM.plusDays(29)));
        Entitlement after = pass.releaseThrough(FROM.plusDays(13)).after();
        assertThat(after.unredeemed()).isEqualTo(Money.yuan(160));
    }

    @Test
    void advanceIsTheUnsupervisedShareRoundedDown() {
        assertThat(Entitlement.advanceFor(Money.fen(200_000), 4000)).isEqualTo(Money.fen(120_000));
        assertThat(Entitlement.advanceFor(Money.fen(99_999), 4000)).isEqualTo(Money.fen(59_999));
        assertThat(Entitlement.advanceFor(Money.fen(300_000), 10_000).isZero()).isTrue();
    }

    @Test
    void refusesMoreSessionsThanLeftAndTheWrongKind() {
        Entitlement card = Entitlement.issued(Entitlement.Kind.SESSION_PACK, Money.fen(10_000), Money.fen(0), 2, null,
                new Validity(FROM, FROM.plusMonths(1)));
        assertThatThrownBy(() -> card.redeemSessions(3)).isInstanceOf(Rejection.class)
                .extracting(e -> ((Rejection) e).type()).isEqualTo(Entitlement.NOT_ENOUGH_LEFT);
        assertThatThrownBy(() -> card.redeemAmount(Money.fen(100))).isInstanceOf(Rejection.class)
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
