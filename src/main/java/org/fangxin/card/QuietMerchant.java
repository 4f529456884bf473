package org.fangxin.card;

import java.time.Instant;
import java.util.UUID;

/**
 * A merchant whose redemptions stopped (for protection's suspicion watch): {@code liveSessionCards} ACTIVE session
 * packs with sessions left, bought before the quiet period and valid through it; {@code earlierRedemptions} in the
 * look-back window before the quiet period; none since; {@code lastRedeemedAt} the last redemption ever.
 */
public record QuietMerchant(UUID merchantId, long liveSessionCards, long earlierRedemptions, Instant lastRedeemedAt) { }
