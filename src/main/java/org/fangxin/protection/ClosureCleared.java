package org.fangxin.protection;

import java.time.Instant;
import java.util.UUID;

/** An operator or regulator cleared the suspicion: the merchant is unfrozen. */
public record ClosureCleared(UUID caseId, UUID merchantId, String decidedBy, Instant at) { }
