package org.fangxin.protection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * The public closure notice of a case: merchant, dates and progress counters over its live cards. Deliberately no
 * personal data (no consumer, reporter or decider names).
 */
public record ClosureNoticeView(UUID caseId, String merchantName, ClosureStatus status, ClosureSource source,
                                Instant openedAt, LocalDate closingOn, Instant confirmedAt, long affectedCards,
                                Money unredeemedValue) { }
