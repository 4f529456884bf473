package org.fangxin.rules;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.rules.persistence.RuleRepository;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rule table: what applies to a region × sector today ({@link #effectiveRules}), evaluation of product proposals,
 * and versioned edits by operators (each audited with before and after). Anyone logged in may read the table.
 */
@Service
public class Rules {

    /** The published problem for a proposal that breaks rules; its {@code violations} property lists them. */
    public static final ProblemType RULE_VIOLATION = new ProblemType("rule-violation", 422);
    /** Rule dates are Chinese calendar days. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Pattern SECTOR = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");

    private final RuleRepository repository;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final ObjectProvider<SupervisionRatioFloors> ratioFloors;

    Rules(RuleRepository repository, AuditTrail audit, IdGenerator ids, Clock clock,
          ObjectProvider<SupervisionRatioFloors> ratioFloors) {
        this.ratioFloors = ratioFloors;
        this.repository = repository;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }

    /** The rules in force today for a merchant's region (6-digit code) and sector (a {@code Sector} name). */
    public RuleSet effectiveRules(String regionCode, String sector) {
        return effectiveRules(regionCode, sector, today());
    }

    public RuleSet effectiveRules(String regionCode, String sector, LocalDate on) {
        return effectiveRules(regionCode, sector, null, on);
    }

    /**
     * The rules in force today for a product of the sector sold to {@code audience}: the sector's rows and those of its
     * sub-sectors for that audience (Beijing's youth sports training applies to SPORTS_FITNESS products for MINORS).
     * A null audience means adults.
     */
    public RuleSet effectiveRules(String regionCode, String sector, Audience audience) {
        return effectiveRules(regionCode, sector, audience, today());
    }

    public RuleSet effectiveRules(String regionCode, String sector, Audience audience, LocalDate on) {
        List<String> subSectors = subSectorsOf(sector, audience);
        return RuleSet.merge(regionCode, sector, subSectors, on, rows(regionCode, sector, subSectors, on));
    }

    private List<String> subSectorsOf(String sector, Audience audience) {
        return sector == null || sector.isBlank() ? List.of()
                : repository.subSectors(sector, Audience.orDefault(audience).name());
    }

    /** The newest row effective on the day of each region (nationwide and up the lineage) × sector pair that applies. */
    private List<RuleRow> rows(String regionCode, String sector, List<String> subSectors, LocalDate on) {
        List<String> regions = new ArrayList<>();
        regions.add(RuleRow.ANY);
        regions.addAll(RegionCodes.lineage(regionCode));
        List<String> sectors = new ArrayList<>();
        sectors.add(RuleRow.ANY);
        if (sector != null && !sector.isBlank()) {
            sectors.add(sector);
            sectors.addAll(subSectors);
        }
        return repository.effective(regions, sectors, on);
    }

    /**
     * The one evaluation of the supervision ratio of a merchant's products for an audience, today: the rule table's
     * (everything in escrow when unset), lowered by the lowest relief where it is only the platform default, raised to
     * the strictest per-merchant floor ({@link SupervisionRatioFloors}). Contracts state it and purchases use it
     * (through {@code catalog.Products.supervisionRatio}).
     */
    public SupervisionRatio supervisionRatio(UUID merchantId, String regionCode, String sector, Audience audience) {
        return merchantRules(merchantId, regionCode, sector, audience).supervisionRatio();
    }

    /**
     * The rules in force today for a merchant's products sold to {@code audience} and the supervision ratio they keep
     * ({@link #supervisionRatio}), from one read of the rule table: a purchase needs both, and read apart they cost
     * three reads of the table.
     */
    public MerchantRules merchantRules(UUID merchantId, String regionCode, String sector, Audience audience) {
        LocalDate today = today();
        List<String> subSectors = subSectorsOf(sector, audience);
        List<RuleRow> rows = rows(regionCode, sector, subSectors, today);
        RuleSet rules = RuleSet.merge(regionCode, sector, subSectors, today, rows);
        // the platform default (the national all-sector row) is always among the rows read: merged alone, it is what
        // effectiveRules(null, null, null, today) answers, so the table is not read for it again
        RuleSet platform = RuleSet.merge(null, null, List.of(), today, rows.stream()
                .filter(row -> RuleRow.ANY.equals(row.regionCode()) && RuleRow.ANY.equals(row.sector())).toList());
        SupervisionRatio ratio = rules.supervisionRatio();
        List<SupervisionRatioFloors.Bounds> bounds = ratioFloors.orderedStream()
                .map(source -> source.boundsFor(merchantId, today)).toList();
        if (ratio.equals(platform.supervisionRatio())) {
            for (SupervisionRatioFloors.Bounds bound : bounds) {
                SupervisionRatio relief = bound.relief().orElse(null);
                ratio = relief != null && relief.bp() < ratio.bp() ? relief : ratio;
            }
        }
        for (SupervisionRatioFloors.Bounds bound : bounds) {
            ratio = ratio.atLeast(bound.floor().orElse(null));
        }
        return new MerchantRules(rules, ratio);
    }

    /** The sub-sectors (code → sector × audience and name) whose rows apply to some sectors' products for one audience. */
    public List<SubSector> subSectors() {
        return repository.allSubSectors();
    }

    /** Every rule the proposal breaks in the region × sector today; empty when it may be sold. */
    public List<Violation> evaluate(String regionCode, String sector, ProductProposal proposal) {
        return effectiveRules(regionCode, sector).check(proposal);
    }

    /** The current row of every region × sector pair. */
    public List<RuleRow> table(Actor actor) {
        return repository.table(today());
    }

    /** All versions of one row, newest first. */
    public List<RuleRow> history(Actor actor, String regionCode, String sector) {
        List<RuleRow> versions = repository.history(regionCode, sector);
        if (versions.isEmpty()) {
            throw Rejection.notFound("rule row " + regionCode + " × " + sector);
        }
        return versions;
    }

    /** Adds the next version of a row (creating the row if new). Operators only. */
    @Transactional
    public RuleRow change(Actor actor, String regionCode, String sector, RuleChange change) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only platform operators edit the rule table");
        }
        if (!RegionCodes.isValid(regionCode)) {
            throw Rejection.invalid("regionCode", "region must be * or a 6-digit region code");
        }
        if (!RuleRow.ANY.equals(sector) && (sector == null || !SECTOR.matcher(sector).matches())) {
            throw Rejection.invalid("sector", "sector must be * or a sector name such as EDUCATION");
        }
        LocalDate today = today();
        LocalDate effectiveFrom = change.effectiveFrom() == null ? today : change.effectiveFrom();
        if (effectiveFrom.isBefore(today)) {
            throw Rejection.invalid("effectiveFrom", "a rule change cannot take effect in the past");
        }
        for (String clause : change.values().requiredClauses()) {
            if (!Clauses.ALL.contains(clause)) {
                throw Rejection.invalid("requiredClauses", "unknown clause code " + clause + "; known: " + Clauses.ALL);
            }
        }
        var previous = repository.latest(regionCode, sector);
        RuleRow row = new RuleRow(ids.next(), regionCode, sector, previous.map(RuleRow::version).orElse(0) + 1,
                effectiveFrom, change.values(), change.source().trim(), clock.instant(), actor.username());
        repository.insert(row);
        audit.record("rules.changed", "rule-row", regionCode + "/" + sector, previous.orElse(null), row);
        return row;
    }

    /** The problem for a refused proposal, carrying the violations. */
    public static Rejection violated(List<Violation> violations) {
        String detail = "the proposal breaks " + violations.size() + " rule(s): "
                + String.join("; ", violations.stream().map(v -> v.detail() + " [" + v.source() + "]").toList());
        return new Rejection(RULE_VIOLATION, detail, Map.of("violations", violations));
    }
}
