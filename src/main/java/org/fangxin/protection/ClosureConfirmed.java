package org.fangxin.protection;

import java.time.Instant;
import java.util.UUID;

/** An operator or regulator confirmed the closure (with evidence): compensation may start. */
public record ClosureConfirmed(UUID caseId, UUID merchantId, String decidedBy, Instant at) { }
