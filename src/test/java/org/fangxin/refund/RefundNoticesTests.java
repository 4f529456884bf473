package org.fangxin.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.UUID;
import org.fangxin.card.CardView;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.notification.Notifications;
import org.fangxin.payment.ProviderRefundStatus;
import org.fangxin.shared.Money;
import org.fangxin.testing.Eventually;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Refund notices follow RefundApproved and RefundPaid after commit (ADR 11), once each, in the reader's language. */
class RefundNoticesTests extends RefundTestBase {

    @Autowired Notifications notifications;

    @Test
    void tellsTheHolderOfTheApprovalAndThePaymentOnceEach() {
        TestMerchants.Created gym = fx.gym(10000);
        ProductView pack = fx.product(gym, ProductKind.SESSION_PACK, Money.yuan(2000), 60, Term.months(12),
                RefundMethod.PRO_RATA_SESSIONS, 1000);
        UserAccount holder = users.create(Role.CONSUMER);
        CardView card = fx.buy(holder, pack);
        RefundView approved = refunds.request(holder.actor(), new NewRefund(card.id(), RefundReason.CONSUMER_CHOICE));
        assertThat(approved.status()).isEqualTo(org.fangxin.refund.RefundStatus.APPROVED);
        UUID refundId = approved.id();
        Eventually.holds(() -> assertThat(messages(holder, "refund-approved:" + refundId)).isEqualTo(1));
        assertThat(notifications.inbox(holder.actor(), 10)).first().satisfies(n -> {
            assertThat(n.subject()).isEqualTo("退款已批准");
            assertThat(n.body()).isEqualTo("您的退款申请已批准，退款 ¥2,000.00（手续费 ¥0.00）将退回原支付账户。");
        });

        assertThat(fx.runPaymentRefund(card.paymentOrderId(), "refund:" + refundId)).isEqualTo(ProviderRefundStatus.SUCCEEDED);
        awaitStatus(refundId, org.fangxin.refund.RefundStatus.PAID);
        Eventually.holds(() -> assertThat(messages(holder, "refund-paid:" + refundId)).isEqualTo(1));
        assertThat(notifications.inbox(holder.actor(), 10, Locale.ENGLISH)).filteredOn(n -> n.subject().equals("Refund paid"))
                .singleElement().satisfies(n -> assertThat(n.body())
                        .isEqualTo("The refund of ¥2,000.00 was paid back to your payment account."));
        assertThat(notifications.inbox(holder.actor(), 10)).hasSize(2);
    }

    private long messages(UserAccount user, String dedupKey) {
        return jdbc.sql("select count(*) from notification.message where user_id = :user and dedup_key = :key")
                .param("user", user.id()).param("key", dedupKey).query(Long.class).single();
    }
}
