package org.fangxin.payment.sandbox;

/**
 * Settings of the sandbox gateway (properties {@code fangxin.payment.sandbox.*}). The sandbox is off unless
 * {@code fangxin.payment.sandbox.enabled=true} (the demo profile switches it on); its secret has no default.
 */
public final class SandboxSettings {

    /** The shared secret of the demo and test profiles: published, so refused anywhere else (DevelopmentDefaults). */
    public static final String DEMO_SECRET = "fangxin-demo-only-sandbox-callback-secret-public";

    /** The secret the demo and test profiles use; kept under its old name for callers that sign test callbacks. */
    public static final String DEFAULT_SECRET = DEMO_SECRET;

    /** The property that switches the sandbox gateway (and its checkout page and callback endpoint) on. */
    public static final String ENABLED = "fangxin.payment.sandbox.enabled";

    private SandboxSettings() {
    }
}
