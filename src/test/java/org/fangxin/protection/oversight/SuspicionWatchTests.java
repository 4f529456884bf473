package org.fangxin.protection.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.fangxin.catalog.Products;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.merchant.Merchants;
import org.fangxin.payment.Payments;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.protection.ClosureCaseView;
import org.fangxin.protection.ClosureSource;
import org.fangxin.protection.ClosureStatus;
import org.fangxin.protection.Closures;
import org.fangxin.protection.Deposits;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The suspicion watch opens AUTOMATIC cases on redemptions stopping and on consumers refusing redemptions. */
class SuspicionWatchTests extends IntegrationTest {

    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired Products products;
    @Autowired Payments payments;
    @Autowired SandboxGateway sandbox;
    @Autowired JdbcClient jdbc;
    @Autowired Closures closures;
    @Autowired Deposits deposits;
    @Autowired SuspicionWatch watch;
    @Autowired org.springframework.context.ApplicationContext context;

    TestMerchants testMerchants;

    @BeforeEach
    void fixtures() {
        testMerchants = new TestMerchants(merchants, accounts);
    }

    Gym gym() {
        return new Gym(testMerchants, products, users, payments, sandbox, jdbc, this::api, "410202");
    }

    List<ClosureCaseView> openedFor(SuspicionWatch.Run run, UUID merchantId) {
        return run.opened().stream().filter(c -> c.merchantId().equals(merchantId)).toList();
    }

    @Test
    void redemptionsStoppingAtAMerchantWithLiveSessionCardsOpensAnAutomaticCaseOnceAndFreezesIt() {
        Gym gym = gym();
        for (int i = 0; i < 3; i++) {
            gym.redeem(gym.cardholder());
        }
        clock.advance(Duration.ofDays(13));
        assertThat(openedFor(watch.run(), gym.id())).as("13 quiet days are below the 14-day threshold").isEmpty();

        clock.advance(Duration.ofDays(2));
        List<ClosureCaseView> opened = openedFor(watch.run(), gym.id());
        assertThat(opened).hasSize(1);
        ClosureCaseView suspected = opened.get(0);
        assertThat(suspected.source()).isEqualTo(ClosureSource.AUTOMATIC);
        assertThat(suspected.status()).isEqualTo(ClosureStatus.SUSPECTED);
        assertThat(suspected.openedBy()).isEqualTo(Closures.SUSPICION_WATCH);
        assertThat(suspected.steps().get(0).note()).contains("停止核销").contains("3 张有剩余次数的次卡");
        assertThat(closures.freezingCase(gym.id())).contains(suspected.id());
        assertThat(deposits.maySell(gym.id())).isPresent();

        // A second run (or a second instance) opens nothing more.
        assertThat(openedFor(watch.run(), gym.id())).isEmpty();
        assertThat(jdbc.sql("select count(*) from protection.closure_case where merchant_id = :m").param("m", gym.id())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aClearedSilenceIsNotSuspectedAgainUntilAWholeQuietPeriodHasPassedSinceTheClearing() {
        Gym gym = gym();
        for (int i = 0; i < 3; i++) {
            gym.redeem(gym.cardholder());
        }
        clock.advance(Duration.ofDays(15));
        ClosureCaseView suspected = openedFor(watch.run(), gym.id()).get(0);
        var operator = users.create(Role.OPERATOR).actor();
        closures.clear(operator, suspected.id(), "门店装修, 已电话核实");

        clock.advance(Duration.ofDays(1));
        assertThat(openedFor(watch.run(), gym.id())).isEmpty();
        assertThat(closures.freezingCase(gym.id())).isEmpty();
    }

    @Test
    void aMerchantThatNeverRedeemedOrStillRedeemsIsNotSuspected() {
        Gym fresh = gym();
        for (int i = 0; i < 3; i++) {
            fresh.cardholder();
        }
        Gym busy = gym();
        var holders = List.of(busy.cardholder(), busy.cardholder(), busy.cardholder());
        holders.forEach(busy::redeem);
        clock.advance(Duration.ofDays(10));
        busy.redeem(holders.get(0));
        clock.advance(Duration.ofDays(10));

        SuspicionWatch.Run run = watch.run();
        assertThat(openedFor(run, fresh.id())).isEmpty();
        assertThat(openedFor(run, busy.id())).isEmpty();
    }

    @Test
    void threeDistinctConsumersDecliningRedemptionRequestsOpenAnAutomaticCase() {
        Gym gym = gym();
        var first = gym.cardholder();
        var second = gym.cardholder();
        var third = gym.cardholder();
        // The same consumer declining twice is one consumer.
        gym.requestDeclined(first);
        gym.requestDeclined(first);
        gym.requestDeclined(second);
        assertThat(openedFor(watch.run(), gym.id())).isEmpty();

        gym.requestDeclined(third);
        List<ClosureCaseView> opened = openedFor(watch.run(), gym.id());
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).source()).isEqualTo(ClosureSource.AUTOMATIC);
        assertThat(opened.get(0).steps().get(0).note()).contains("3 位消费者").contains("4 次核销");
        assertThat(closures.freezingCase(gym.id())).isPresent();
    }

    @Test
    void declinesOlderThanTheWindowDoNotCount() {
        Gym gym = gym();
        var first = gym.cardholder();
        var second = gym.cardholder();
        var third = gym.cardholder();
        gym.requestDeclined(first);
        gym.requestDeclined(second);
        clock.advance(Duration.ofDays(8));
        gym.requestDeclined(third);
        assertThat(openedFor(watch.run(), gym.id())).isEmpty();
    }

    @Test
    void twoWatchRunsAtOnceOpenOneCase() throws Exception {
        Gym gym = gym();
        for (int i = 0; i < 3; i++) {
            gym.requestDeclined(gym.cardholder());
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(watch::run);
            var second = pool.submit(watch::run);
            long opened = openedFor(first.get(), gym.id()).size() + openedFor(second.get(), gym.id()).size();
            assertThat(opened).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.sql("select count(*) from protection.closure_case where merchant_id = :m and source = 'AUTOMATIC'")
                .param("m", gym.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theWatchIsARecurringDbSchedulerTask() {
        assertThat(context.getBean("protectionSuspicionWatch"))
                .isInstanceOf(com.github.kagkarlsson.scheduler.task.helper.RecurringTask.class);
    }
}
