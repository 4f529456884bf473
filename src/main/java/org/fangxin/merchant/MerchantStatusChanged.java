package org.fangxin.merchant;

import java.time.Instant;
import java.util.UUID;

/** A merchant moved from one status to another (published for every transition, approval included). */
public record MerchantStatusChanged(UUID merchantId, MerchantStatus from, MerchantStatus to, String reason,
                                    Instant changedAt) { }
