package org.fangxin.complaint;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.complaint.domain.DeadlineRules;
import org.fangxin.complaint.persistence.CaseReports;
import org.fangxin.complaint.workflow.CaseAccess;
import org.fangxin.complaint.workflow.CaseDesk;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Figures and exports: the public per-merchant statistic (counts by outcome, never contents), the SLA board for
 * operators, the association and regulators (a sector regulator's own sector), the export of the cases the actor sees
 * as CSV or JSON, and the deadline rules per region (operators change them).
 */
@Service
@Transactional(readOnly = true)
public class ComplaintReports {

    public static final int SOON_WORKING_DAYS = 3;
    public static final Duration MISSED_WINDOW = Duration.ofDays(90);

    private final CaseReports reports;
    private final CaseDesk desk;
    private final Complaints complaints;
    private final org.fangxin.calendar.WorkingDays workingDays;
    private final org.fangxin.shared.AuditTrail audit;
    private final Shards shards;

    ComplaintReports(CaseReports reports, CaseDesk desk, Complaints complaints, org.fangxin.calendar.WorkingDays workingDays,
                     org.fangxin.shared.AuditTrail audit, Shards shards) {
        this.shards = shards;
        this.reports = reports;
        this.desk = desk;
        this.complaints = complaints;
        this.workingDays = workingDays;
        this.audit = audit;
    }

    /** Public: the merchant's complaint counts by outcome (no access check; no contents). */
    public ComplaintStatistics statistics(UUID merchantId) {
        return reports.statistics(merchantId);
    }

    /** OPERATOR, ASSOCIATION, REGULATOR (a sector regulator sees its sector): how deadlines are kept. */
    public SlaBoard board(Actor actor) {
        if (!actor.is(Role.OPERATOR, Role.ASSOCIATION, Role.REGULATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "the SLA board is for the platform, the association and regulators");
        }
        String sector = actor.is(Role.REGULATOR) ? actor.sector() : null;
        String region = actor.is(Role.REGULATOR, Role.ASSOCIATION) ? CaseAccess.regionPattern(actor) : null;
        // one aggregate per shard, each on its own shard's indexes; counts add up, medians from merged hours (ADR 12 §8f)
        List<SlaBoardMerge.Part> parts = shards.each(() -> new SlaBoardMerge.Part(boardOfShard(sector, region),
                shards.count() == 1 ? Map.of() : reports.closingHours(sector, region)));
        return parts.size() == 1 ? parts.get(0).board() : SlaBoardMerge.of(parts);
    }

    private SlaBoard boardOfShard(String sector, String region) {
        LocalDate today = desk.today();
        LocalDate soon = workingDays.calendar().plusWorkingDays(today, SOON_WORKING_DAYS);
        Map<ComplaintStage, Long> open = reports.openByStage(sector, region, null);
        Map<ComplaintStage, Long> overdue = reports.openByStage(sector, region, today);
        Map<ComplaintStage, Long> dueSoon = new EnumMap<>(ComplaintStage.class);
        reports.openByStage(sector, region, soon.plusDays(1)).forEach((stage, n) -> {
            long count = n - overdue.getOrDefault(stage, 0L);
            if (count > 0) {
                dueSoon.put(stage, count);
            }
        });
        Map<ComplaintOutcome, Long> closed = new EnumMap<>(ComplaintOutcome.class);
        Map<ComplaintOutcome, Double> median = new EnumMap<>(ComplaintOutcome.class);
        reports.closedByOutcome(sector, region).forEach((outcome, figures) -> {
            closed.put(outcome, (long) figures[0]);
            median.put(outcome, figures[1]);
        });
        return new SlaBoard(sector, open, overdue, dueSoon, reports.missedByStage(sector, region, desk.now().minus(MISSED_WINDOW)),
                closed, median, reports.medianDaysToClose(sector, region).orElse(null), SOON_WORKING_DAYS);
    }

    /**
     * The cases the actor sees (as {@link Complaints#list}: a bounded list, so across shards each answers its first
     * rows and the merge is cut, ADR 12 §8f), in the queue's order, at most {@value Complaints#LIST_SIZE_MAX}.
     */
    public List<ComplaintExport> export(Actor actor, ComplaintStage stage) {
        if (!actor.is(Role.OPERATOR, Role.ASSOCIATION, Role.REGULATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "exports are for the platform, the association and regulators");
        }
        return complaints.list(actor, stage, Complaints.LIST_SIZE_MAX).stream().map(ComplaintExport::of).toList();
    }

    /** {@link #export} as CSV (UTF-8, header row, RFC 4180 quoting). */
    public String exportCsv(Actor actor, ComplaintStage stage) {
        StringWriter out = new StringWriter();
        try (CsvWriter csv = CsvWriter.builder().build(out)) {
            csv.writeRecord(ComplaintExport.CSV_COLUMNS);
            for (ComplaintExport c : export(actor, stage)) {
                List<String> fields = new ArrayList<>();
                fields.add(c.caseNumber());
                fields.add(c.source());
                fields.add(text(c.externalRef()));
                fields.add(text(c.filedOn()));
                fields.add(c.merchantId().toString());
                fields.add(c.merchantName());
                fields.add(c.sector());
                fields.add(c.regionCode());
                fields.add(c.subject());
                fields.add(c.category());
                fields.add(c.askedMinor() == null ? "" : yuan(c.askedMinor()));
                fields.add(text(c.askedAction()));
                fields.add(c.stage());
                fields.add(text(c.deadlineDueOn()));
                fields.add(text(c.outcome()));
                fields.add(text(c.failureReason()));
                fields.add(text(c.closedOn()));
                fields.add(text(c.claimId()));
                fields.add(c.description());
                csv.writeRecord(fields);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The deadline rules that apply in a region (its own row, its city's, province's or the default). */
    public DeadlineRules rules(String regionCode) {
        return reports.rules(regionCode);
    }

    /** OPERATOR: sets the working days of every deadline for a region code (000000 = the national default). */
    @Transactional
    public DeadlineRules setRules(Actor actor, String regionCode, DeadlineRules rules) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only platform operators change the complaint deadlines");
        }
        if (regionCode == null || !regionCode.matches("[0-9]{6}")) {
            throw Rejection.invalid("regionCode", "a 6-digit region code (000000 for the national default)");
        }
        var before = reports.ownRules(regionCode).orElse(null);
        reports.setRules(regionCode, rules, actor.username(), desk.now());
        audit.record("complaint.deadline-rules-set", "complaint-deadline-rule", regionCode, before, rules);
        return reports.rules(regionCode);
    }

    /** Fen as a plain yuan amount with two decimals (1200.50), the layout of 12315 files. */
    static String yuan(long fen) {
        return String.format(java.util.Locale.ROOT, "%d.%02d", fen / 100, fen % 100);
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
