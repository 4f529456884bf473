package org.fangxin.complaint;

import java.time.LocalDate;
import java.util.UUID;

/**
 * One case in the export layout (docs/complaints.md): the CSV has the same fields in this order, in snake_case, with
 * {@code asked_yuan} instead of {@code askedMinor}. Dates are Shanghai days.
 */
public record ComplaintExport(String caseNumber, String source, String externalRef, LocalDate filedOn, UUID merchantId,
                              String merchantName, String sector, String regionCode, String subject, String category,
                              Long askedMinor, String askedAction, String stage, LocalDate deadlineDueOn, String outcome,
                              String failureReason, LocalDate closedOn, UUID claimId, String description) {

    public static final java.util.List<String> CSV_COLUMNS = java.util.List.of("case_number", "source", "external_ref",
            "filed_on", "merchant_id", "merchant_name", "sector", "region_code", "subject", "category", "asked_yuan",
            "asked_action", "stage", "deadline_due_on", "outcome", "failure_reason", "closed_on", "claim_id", "description");

    static ComplaintExport of(ComplaintView c) {
        return new ComplaintExport(c.caseNumber(), c.source(), c.externalRef(), c.filedOn(), c.merchantId(),
                c.merchantName(), c.sector(), c.regionCode(), c.subject().name(), c.category().name(),
                c.asked() == null ? null : c.asked().amountMinor(), c.askedAction(), c.stage().name(),
                c.deadline() == null ? null : c.deadline().dueOn(), c.outcome() == null ? null : c.outcome().name(),
                c.failureReason() == null ? null : c.failureReason().name(),
                c.closedAt() == null ? null : LocalDate.ofInstant(c.closedAt(), org.fangxin.complaint.workflow.CaseDesk.ZONE),
                c.claimId(), c.description());
    }
}
