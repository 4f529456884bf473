package org.fangxin.testing;

import java.time.Clock;
import org.fangxin.FangxinApplication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of tests that run the whole application on a random port against real PostgreSQL. All such tests share one
 * Spring context (same configuration), so they must not assume an empty database: create uniquely named data. Each
 * class starts on a fresh day of the shared {@link TestClock} ({@link TestClockExtension}). Tagged {@code application}:
 * not part of the fast tier ({@code ./mvnw test -Pfast}).
 */
@Tag("application")
@ExtendWith(TestClockExtension.class)
@SpringBootTest(classes = {FangxinApplication.class, TestBeans.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.structured.format.console=", "spring.main.banner-mode=off", "fangxin.db.connection-timeout=5s", "fangxin.jobs.enabled=false"})
public abstract class IntegrationTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected TestClock clock;

    @Autowired
    protected TestUsers users;

    protected Api api() {
        return new Api("http://127.0.0.1:" + port);
    }

    protected Clock clock() {
        return clock;
    }
}
