package org.fangxin.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.fangxin.card.CardView;
import org.fangxin.catalog.ContractTerms;
import org.fangxin.catalog.ProductDraft;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.rules.Rules;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 4: a default refund-fee cap in the rule table, and a consumer's refund of a discounted pack between
 * paid − used × list price (the contract's list-price clause takes exactly that, without a fee) and the unused share.
 */
class RefundFeeTests extends RefundTestBase {

    private ProductView discountedPack(TestMerchants.Created gym, int feeBp, boolean usedAtListPrice) {
        ContractTerms terms = new ContractTerms(7, RefundMethod.PRO_RATA_SESSIONS, feeBp, true, "闭店时按剩余价值全额退款",
                "协商; 不成向消费者协会申请调解", null, usedAtListPrice);
        return products.create(gym.ownerActor(), new ProductDraft("优惠次卡 " + UUID.randomUUID(), null, ProductKind.SESSION_PACK,
                Money.yuan(2000), Money.yuan(3000), null, 60, Term.months(12), List.of(gym.merchant().stores().get(0).id()),
                terms));
    }

    @Test
    void theRuleTableCapsRefundFeesByDefault() {
        TestMerchants.Created gym = fx.gym();

        assertThatThrownBy(() -> discountedPack(gym, 3000, false))
                .isInstanceOfSatisfying(Rejection.class, r -> {
                    assertThat(r.type()).isEqualTo(Rules.RULE_VIOLATION);
                    assertThat(r.getMessage()).contains("basis points").contains("platform default");
                });
        assertThat(rules.effectiveRules("410200", "SPORTS_FITNESS").values().refundFeeCapBp()).isEqualTo(1000);
    }

    @Test
    void aConsumersRefundOfADiscountedPackStaysBetweenTheListPriceFloorAndTheUnusedShare() {
        TestMerchants.Created gym = fx.gym(10000);
        UserAccount consumer = users.create(Role.CONSUMER);
        CardView withFee = fx.redeemSessions(consumer, fx.buy(consumer, discountedPack(gym, 1000, false)), 12);
        CardView withClause = fx.redeemSessions(consumer, fx.buy(consumer, discountedPack(gym, 1000, true)), 12);
        clock.advance(Duration.ofDays(10));

        RefundQuote fee = refunds.quote(consumer.actor(), withFee.id(), RefundReason.CONSUMER_CHOICE);
        RefundQuote clause = refunds.quote(consumer.actor(), withClause.id(), RefundReason.CONSUMER_CHOICE);
        RefundQuote fault = refunds.quote(consumer.actor(), withClause.id(), RefundReason.QUALITY_DROP);

        // unused share 2,000 × 48/60 = 1,600; fee 10% = 160 → 1,440, above the floor 2,000 − 12 × 50 = 1,400
        assertThat(fee.refund()).isEqualTo(Money.yuan(1440));
        assertThat(fee.fee()).isEqualTo(Money.yuan(160));
        assertThat(clause.refund()).isEqualTo(Money.yuan(1400));
        assertThat(clause.fee()).isEqualTo(Money.fen(0));
        assertThat(clause.retained()).isEqualTo(Money.yuan(200));
        assertThat(fault.refund()).isEqualTo(Money.yuan(1600));
        assertThat(fault.fee()).isEqualTo(Money.fen(0));
    }
}
