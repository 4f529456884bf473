package org.fangxin.complaint;

import java.time.Instant;
import java.util.UUID;

/**
 * A complaint moved from one open stage to another (escalated, accepted, agreement reached); {@code party} is who
 * moved it (DEADLINE for the deadline job), {@code dueOn} the new stage's deadline. Closing is {@link ComplaintResolved}.
 */
public record ComplaintStageChanged(UUID complaintId, String caseNumber, UUID merchantId, UUID consumerId,
                                    ComplaintStage from, ComplaintStage to, String party, java.time.LocalDate dueOn,
                                    Instant at) { }
