package org.fangxin.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Gives each test class that runs on the shared application context a fresh day on the test clock before its first
 * test (see {@link TestClock#startFreshDay()}), so no class starts wherever the class before it left the time.
 */
public final class TestClockExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        SpringExtension.getApplicationContext(context).getBean(TestClock.class).startFreshDay();
    }
}
