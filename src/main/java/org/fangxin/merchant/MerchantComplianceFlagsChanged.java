package org.fangxin.merchant;

import java.time.Instant;
import java.util.UUID;

/** An operator or regulator changed a merchant's public-register flags. */
public record MerchantComplianceFlagsChanged(UUID merchantId, ComplianceFlags before, ComplianceFlags after,
                                             String reason, Instant changedAt) { }
