package org.fangxin.protection;

import java.time.Instant;
import java.util.UUID;

/** A closure case opened: the merchant's sales and payouts are frozen. */
public record ClosureSuspected(UUID caseId, UUID merchantId, ClosureSource source, Instant at) { }
