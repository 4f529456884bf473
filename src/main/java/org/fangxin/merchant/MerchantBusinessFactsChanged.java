package org.fangxin.merchant;

import java.time.Instant;
import java.util.UUID;

/** The owner or an operator declared new business facts (licence date, registered capital, prior-year revenue). */
public record MerchantBusinessFactsChanged(UUID merchantId, BusinessFacts before, BusinessFacts after, String changedBy,
                                           Instant changedAt) { }
