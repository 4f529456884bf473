package org.fangxin.testing;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of module tests: the concrete class carries {@code @ApplicationModuleTest(extraIncludes = "shared",
 * webEnvironment = NONE)}, so Spring Modulith boots only the class's module and the shared kernel (seconds, not the
 * whole application), on real PostgreSQL. Like integration tests it runs on {@link TestClock#shared()} and starts on a
 * fresh day. Tagged {@code module}: part of the fast tier ({@code ./mvnw test -Pfast}).
 */
@Tag("module")
@ExtendWith(TestClockExtension.class)
@Import(TestClockConfiguration.class)
@TestPropertySource(properties = {"logging.structured.format.console=", "spring.main.banner-mode=off",
        "fangxin.db.connection-timeout=5s", "fangxin.jobs.enabled=false"})
public abstract class ModuleTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    protected TestClock clock;
}
