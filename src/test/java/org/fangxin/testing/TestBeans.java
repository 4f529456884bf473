package org.fangxin.testing;

import org.fangxin.identity.Users;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Beans every integration test gets: the advancing clock (replacing the system clock) and user fixtures. */
@TestConfiguration(proxyBeanMethods = false)
public class TestBeans {

    @Bean
    @Primary
    TestClock testClock() {
        return TestClock.shared();
    }

    /** Settlement withholds what this says per merchant (tests set it); stands in for the card module's disputes. */
    @Bean
    TestPayoutHolds testPayoutHolds() {
        return new TestPayoutHolds();
    }

    @Bean
    TestUsers testUsers(Users users) {
        return new TestUsers(users);
    }
}
