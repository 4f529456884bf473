package org.fangxin.compensation.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.fangxin.card.Cards;
import org.fangxin.card.lifecycle.PeriodRelease;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.protection.ClosureCaseView;
import org.fangxin.shared.Money;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 13 item 2: a suspected (frozen) merchant's passes stop earning at the freeze, so the days of the investigation are
 * not taken out of the consumer's compensation; compensation is computed to that date, and a cleared case lets the
 * passes catch up.
 */
class CompensationEarningStopTests extends CompensationTestBase {

    @Autowired Cards cards;
    @Autowired PeriodRelease periodRelease;

    @Test
    void passesOfASuspectedMerchantStopEarningAtTheFreezeAndAreCompensatedFromThere() {
        TestMerchants.Created gym = gym();
        ProductView pass = product(gym, ProductKind.PERIOD_PASS, Money.yuan(300), null, Term.days(30), RefundMethod.PRO_RATA_DAYS);
        UserAccount consumer = users.create(Role.CONSUMER);
        UUID card = buy(consumer, pass);
        clock.advance(Duration.ofDays(10));
        periodRelease.releaseDue();
        assertThat(cards.find(card).orElseThrow().earned()).as("days 1-10").isEqualTo(Money.yuan(100));

        Actor operator = operator();
        ClosureCaseView suspected = closures.mark(operator, gym.id(), "门店大门紧闭, 电话不通");
        clock.advance(Duration.ofDays(5)); // the investigation
        periodRelease.releaseDue();
        assertThat(cards.find(card).orElseThrow().earned()).as("nothing earned while frozen").isEqualTo(Money.yuan(100));

        closures.confirm(operator, suspected.id(), "现场核实: 已闭店");
        var batch = awaitBatch(suspected.id());
        var line = repository.lines(batch.id(), null, 10).stream().filter(l -> l.cardId().equals(card)).findFirst()
                .orElseThrow();
        assertThat(line.unredeemedMinor()).as("20 of 30 days, counted from the freeze").isEqualTo(Money.yuan(200).amountMinor());
        assertBooks(gym.id(), "after planning");
    }

    @Test
    void passesOfAClearedMerchantCatchUpTheDaysOfTheInvestigation() {
        TestMerchants.Created gym = gym();
        ProductView pass = product(gym, ProductKind.PERIOD_PASS, Money.yuan(300), null, Term.days(30), RefundMethod.PRO_RATA_DAYS);
        UUID card = buy(users.create(Role.CONSUMER), pass);
        clock.advance(Duration.ofDays(10));
        Actor operator = operator();
        ClosureCaseView suspected = closures.mark(operator, gym.id(), "投诉称门店停业");
        clock.advance(Duration.ofDays(2));
        periodRelease.releaseDue();
        assertThat(cards.find(card).orElseThrow().earned()).isEqualTo(Money.yuan(100));

        closures.clear(operator, suspected.id(), "现场核实: 正常营业");
        periodRelease.releaseDue();
        assertThat(cards.find(card).orElseThrow().earned()).as("12 days served").isEqualTo(Money.yuan(120));
    }
}
