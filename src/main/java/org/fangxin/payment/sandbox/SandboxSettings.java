package org.fangxin.payment.sandbox;

/** Defaults of the sandbox gateway's settings (properties {@code fangxin.payment.sandbox.*}). */
public final class SandboxSettings {

    /** The shared secret both sides use when none is configured: fine for a sandbox, never for a real provider. */
    public static final String DEFAULT_SECRET = "fangxin-sandbox-shared-secret-change-me";

    private SandboxSettings() {
    }
}
