package org.fangxin.card;

import java.util.UUID;

/**
 * Consumers' refusals of a merchant's redemptions within a window (for protection's suspicion watch): consumer-confirmed (An Xin Fu) redemption requests
 * declined or left to expire, and disputes decided UPHELD; {@code consumers} counts distinct card holders.
 */
public record ConfirmationFailures(UUID merchantId, long consumers, long failures) { }
