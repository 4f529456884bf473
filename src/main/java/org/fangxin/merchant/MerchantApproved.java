package org.fangxin.merchant;

import java.time.Instant;
import java.util.UUID;

/** The platform approved a merchant's application; it may now sell (unless flagged). */
public record MerchantApproved(UUID merchantId, Sector sector, String regionCode, Instant approvedAt) { }
