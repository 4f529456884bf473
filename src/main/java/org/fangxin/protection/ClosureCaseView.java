package org.fangxin.protection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A closure case for operators, regulators and the merchant's own people, with its steps (oldest first). */
public record ClosureCaseView(UUID id, UUID merchantId, String merchantName, ClosureStatus status, ClosureSource source,
                              LocalDate closingOn, Instant openedAt, String openedBy, Instant decidedAt, String decidedBy,
                              long reporters, List<ClosureStepView> steps) { }
