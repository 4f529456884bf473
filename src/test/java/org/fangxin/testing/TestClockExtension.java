package org.fangxin.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives each test class a fresh day on the shared test clock before its first test (see
 * {@link TestClock#startFreshDay()}), so no class starts wherever the class before it left the time.
 */
public final class TestClockExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        TestClock.shared().startFreshDay();
    }
}
