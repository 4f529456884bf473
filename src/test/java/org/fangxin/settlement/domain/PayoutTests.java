package org.fangxin.settlement.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fangxin.shared.Money.fen;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.settlement.PayoutStatus;
import org.fangxin.shared.Money;
import org.junit.jupiter.api.Test;

class PayoutTests {

    static final Instant AT = Instant.parse("2026-03-03T03:00:00Z");

    @Test
    void instructedPayoutIsConfirmedOnceAndHearingItAgainChangesNothing() {
        Payout payout = Payout.instructed(UUID.randomUUID(), fen(500));
        Payout confirmed = payout.confirm(AT);
        assertThat(confirmed.status()).isEqualTo(PayoutStatus.CONFIRMED);
        assertThat(confirmed.confirmedAt()).isEqualTo(AT);
        assertThat(confirmed.needs(PayoutStatus.CONFIRMED)).isFalse();
        assertThat(confirmed.confirm(AT.plusSeconds(60))).isEqualTo(confirmed);
    }

    @Test
    void instructedPayoutIsReturnedWithTheBanksReason() {
        Payout returned = Payout.instructed(UUID.randomUUID(), fen(500)).returned("AC04", "closed", AT);
        assertThat(returned.status()).isEqualTo(PayoutStatus.RETURNED);
        assertThat(returned.returnCode()).isEqualTo("AC04");
        assertThat(returned.returned("AC04", "closed", AT)).isEqualTo(returned);
    }

    @Test
    void outcomesAreFinalAndOnlyAnAwaitingPayoutIsApprovedOrRejected() {
        Payout confirmed = Payout.instructed(UUID.randomUUID(), fen(1)).confirm(AT);
        Payout returned = Payout.instructed(UUID.randomUUID(), fen(1)).returned("AC04", "closed", AT);
        Payout held = Payout.held(UUID.randomUUID(), Money.CNY);
        assertThatThrownBy(() -> confirmed.returned("AC04", "late", AT)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> returned.confirm(AT)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> held.confirm(AT)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> held.returned("AC04", "x", AT)).isInstanceOf(IllegalStateException.class);
        for (PayoutStatus from : PayoutStatus.values()) {
            for (PayoutStatus to : PayoutStatus.values()) {
                assertThat(from.canBecome(to)).as("%s → %s", from, to)
                        .isEqualTo(from == PayoutStatus.INSTRUCTED && (to == PayoutStatus.CONFIRMED || to == PayoutStatus.RETURNED)
                                || from == PayoutStatus.AWAITING_APPROVAL && (to == PayoutStatus.INSTRUCTED || to == PayoutStatus.REJECTED));
            }
        }
    }

    @Test
    void refusesInconsistentPayouts() {
        assertThatThrownBy(() -> Payout.instructed(UUID.randomUUID(), fen(0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Payout(UUID.randomUUID(), PayoutStatus.HELD, fen(5), null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Payout(UUID.randomUUID(), PayoutStatus.CONFIRMED, fen(5), null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
