package org.fangxin.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import org.fangxin.identity.Role;
import org.fangxin.shared.time.PlatformClock;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Outside the demo profile there is no platform clock: the time-travel API and page answer 404. */
class TimeTravelOffTests extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired Clock clockBean;

    @Test
    void timeTravelDoesNotExistOutsideTheDemoProfile() {
        var operator = api().as(users.create(Role.OPERATOR));

        assertThat(operator.get("/api/v1/demo/clock").status()).isEqualTo(404);
        assertThat(operator.post("/api/v1/demo/clock/advance", Map.of("days", 1)).status()).isEqualTo(404);
        assertThat(context.getBeansOfType(PlatformClock.class)).isEmpty();
        assertThat(context.getBeansOfType(TimeTravel.class)).isEmpty();
        assertThat(clockBean).isNotInstanceOf(PlatformClock.class);
        var page = org.fangxin.testing.FormSession.loggedIn(port, users.create(Role.OPERATOR).username());
        assertThat(page.get("/demo/clock").statusCode()).isEqualTo(404);
    }

    /** The platform clock only moves forward and keeps its offset in the database for other instances and restarts. */
    @Test
    void thePlatformClockMovesForwardOnlyAndSharesItsOffset() {
        var base = Clock.fixed(java.time.Instant.parse("2026-05-01T00:00:00Z"), java.time.ZoneOffset.UTC);
        var jdbc = context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        var first = new PlatformClock(base, jdbc);
        java.time.Duration before = first.offset();

        first.advance(java.time.Duration.ofDays(2), "test");

        assertThat(first.instant()).isEqualTo(base.instant().plus(before).plus(java.time.Duration.ofDays(2)));
        assertThat(new PlatformClock(base, jdbc).offset()).isEqualTo(before.plusDays(2));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> first.advance(java.time.Duration.ofHours(-1), "test"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
