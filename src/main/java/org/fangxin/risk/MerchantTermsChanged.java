package org.fangxin.risk;

import java.time.Instant;
import java.util.UUID;

/** A merchant's terms changed (e.g. a new supervision ratio for new purchases after a tier move or a balance floor). */
public record MerchantTermsChanged(UUID merchantId, TermsView before, TermsView after, Instant changedAt) { }
