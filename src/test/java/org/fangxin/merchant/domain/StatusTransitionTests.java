package org.fangxin.merchant.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fangxin.merchant.MerchantStatus.ACTIVE;
import static org.fangxin.merchant.MerchantStatus.CLOSED;
import static org.fangxin.merchant.MerchantStatus.CLOSING;
import static org.fangxin.merchant.MerchantStatus.PENDING;
import static org.fangxin.merchant.MerchantStatus.REJECTED;
import static org.fangxin.merchant.MerchantStatus.SUSPENDED;
import static org.fangxin.merchant.domain.StatusTransition.APPROVE;
import static org.fangxin.merchant.domain.StatusTransition.CLOSE;
import static org.fangxin.merchant.domain.StatusTransition.MARK_CLOSING;
import static org.fangxin.merchant.domain.StatusTransition.REINSTATE;
import static org.fangxin.merchant.domain.StatusTransition.REJECT;
import static org.fangxin.merchant.domain.StatusTransition.SUSPEND;

import org.fangxin.merchant.MerchantStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusTransitionTests {

    @ParameterizedTest(name = "{1} from {0} → {2}")
    @CsvSource({
            "PENDING, APPROVE, ACTIVE",
            "PENDING, REJECT, REJECTED",
            "ACTIVE, SUSPEND, SUSPENDED",
            "SUSPENDED, REINSTATE, ACTIVE",
            "ACTIVE, MARK_CLOSING, CLOSING",
            "SUSPENDED, MARK_CLOSING, CLOSING",
            "CLOSING, CLOSE, CLOSED",
            "ACTIVE, CLOSE, CLOSED",
            "SUSPENDED, CLOSE, CLOSED"
    })
    void allowsTheTransitionsOfTheLifecycle(MerchantStatus from, StatusTransition transition, MerchantStatus to) {
        assertThat(transition.allowedFrom(from)).isTrue();
        assertThat(transition.target()).isEqualTo(to);
    }

    @ParameterizedTest(name = "{1} from {0} refused")
    @CsvSource({
            "ACTIVE, APPROVE", "REJECTED, APPROVE", "SUSPENDED, APPROVE", "CLOSED, APPROVE",
            "ACTIVE, REJECT", "REJECTED, REJECT",
            "PENDING, SUSPEND", "SUSPENDED, SUSPEND", "CLOSING, SUSPEND", "CLOSED, SUSPEND",
            "ACTIVE, REINSTATE", "PENDING, REINSTATE", "CLOSING, REINSTATE", "CLOSED, REINSTATE",
            "PENDING, MARK_CLOSING", "CLOSING, MARK_CLOSING", "CLOSED, MARK_CLOSING",
            "PENDING, CLOSE", "REJECTED, CLOSE", "CLOSED, CLOSE"
    })
    void refusesTransitionsOutsideTheLifecycle(MerchantStatus from, StatusTransition transition) {
        assertThat(transition.allowedFrom(from)).isFalse();
    }

    @Test
    void rejectedAndClosedAreFinal() {
        assertThat(StatusTransition.isFinal(REJECTED)).isTrue();
        assertThat(StatusTransition.isFinal(CLOSED)).isTrue();
        assertThat(StatusTransition.isFinal(ACTIVE)).isFalse();
        assertThat(StatusTransition.isFinal(CLOSING)).isFalse();
    }

    @Test
    void listsTheActionsAvailableInEachStatus() {
        assertThat(StatusTransition.availableFrom(PENDING)).containsExactly(APPROVE, REJECT);
        assertThat(StatusTransition.availableFrom(ACTIVE)).containsExactly(SUSPEND, MARK_CLOSING, CLOSE);
        assertThat(StatusTransition.availableFrom(SUSPENDED)).containsExactly(REINSTATE, MARK_CLOSING, CLOSE);
        assertThat(StatusTransition.availableFrom(CLOSING)).containsExactly(CLOSE);
    }

    @Test
    void onlyApprovalGoesWithoutAReason() {
        assertThat(APPROVE.reasonRequired()).isFalse();
        for (StatusTransition transition : new StatusTransition[] {REJECT, SUSPEND, REINSTATE, MARK_CLOSING, CLOSE}) {
            assertThat(transition.reasonRequired()).as(transition.name()).isTrue();
        }
    }

    @Test
    void everyStatusButPendingIsReachable() {
        for (MerchantStatus status : MerchantStatus.values()) {
            boolean reachable = java.util.Arrays.stream(StatusTransition.values()).anyMatch(t -> t.target() == status);
            assertThat(reachable).as(status.name()).isEqualTo(status != PENDING);
        }
    }
}
