package org.fangxin.shared.time;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Time travel exists only with the demo profile <em>and</em> {@code fangxin.time-travel.enabled=true} (which
 * application-demo.properties sets): the platform clock then replaces the system clock for every bean. Without both,
 * there is no platform clock, no time-travel endpoint or page (404), and a property alone switches nothing on.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
@ConditionalOnProperty(name = "fangxin.time-travel.enabled", havingValue = "true")
public class TimeTravelConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TimeTravelConfiguration.class);

    @Bean
    @Primary
    PlatformClock platformClock(JdbcClient jdbc) {
        log.warn("DEMO TIME TRAVEL IS ON: the platform clock can be moved forward by operators (never in production)");
        return new PlatformClock(Clock.systemUTC(), jdbc);
    }
}
