package org.fangxin.risk;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.merchant.Sector;
import org.fangxin.risk.domain.ConsequenceRow;
import org.fangxin.risk.domain.Factor;
import org.fangxin.risk.domain.FactorWeight;
import org.fangxin.risk.domain.RatioFloor;
import org.fangxin.risk.persistence.TablesRepository;
import org.fangxin.rules.RegionCodes;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tables operators edit, each change a new audited version (never an update): factor weights per sector, the
 * consequence table per region × sector × tier, and the ratio floors. Operators, regulators and merchants may read
 * them (a merchant sees what its score and terms are made of). Changes apply from the next rating run.
 */
@Service
public class RiskTables {

    static final int SOURCE_LENGTH_MAX = 500;

    private final TablesRepository tables;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;

    RiskTables(TablesRepository tables, AuditTrail audit, IdGenerator ids, Clock clock) {
        this.tables = tables;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    /** A new weight for a factor in a sector ({@code *}: all sectors), with the reason for the change. */
    public record WeightChange(Integer weight, Long okAt, Long badAt, String reason) { }

    /** A new version of a consequence row; null fields inherit from the more general row. */
    public record ConsequenceChange(Integer supervisionRatioBp, Money advanceCap, Integer depositShareBp,
                                    String insuranceTier, String settlementFrequency, DayOfWeek payoutDay,
                                    Boolean salesBlocked, String source) { }

    /** A new floor. */
    public record NewFloor(String regionCode, String sector, String condition, Long threshold, Integer supervisionRatioBp,
                           Boolean salesBlocked, String source) { }

    /** Every factor's weight as it applies to {@code sector} (null or {@code *}: the all-sector weights). */
    @Transactional(readOnly = true)
    public List<WeightView> weights(Actor actor, String sector) {
        requireReader(actor);
        String wanted = sector == null || sector.isBlank() ? ConsequenceRow.ANY : sector(sector);
        Map<String, TablesRepository.WeightRow> star = new java.util.HashMap<>();
        Map<String, TablesRepository.WeightRow> own = new java.util.HashMap<>();
        for (TablesRepository.WeightRow row : tables.currentWeights()) {
            if (row.sector().equals(ConsequenceRow.ANY)) {
                star.put(row.weight().factor().name(), row);
            } else if (row.sector().equals(wanted)) {
                own.put(row.weight().factor().name(), row);
            }
        }
        List<WeightView> views = new ArrayList<>();
        for (Factor factor : Factor.values()) {
            TablesRepository.WeightRow row = own.getOrDefault(factor.name(), star.get(factor.name()));
            FactorWeight w = row == null ? factor.defaultWeight() : row.weight();
            views.add(new WeightView(wanted, factor.name(), factor.unit().name(), w.weight(), w.okAt(), w.badAt(),
                    row == null ? "DEFAULT" : row.sector(), row == null ? 0 : row.version(), row == null ? null : row.reason(),
                    row == null ? null : row.createdAt(), row == null ? null : row.createdBy()));
        }
        return views;
    }

    /** OPERATOR: a new version of a factor's weight for a sector; audited. */
    @Transactional
    public WeightView changeWeight(Actor actor, String sector, String factorName, WeightChange change) {
        requireOperator(actor);
        String s = ConsequenceRow.ANY.equals(sector) ? sector : sector(sector);
        Factor factor = factor(factorName);
        if (change == null || change.weight() == null || change.okAt() == null || change.badAt() == null) {
            throw Rejection.invalid("weight", "give weight, okAt and badAt");
        }
        FactorWeight weight;
        try {
            weight = new FactorWeight(factor, change.weight(), change.okAt(), change.badAt());
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid(change.okAt().equals(change.badAt()) ? "badAt" : "weight", e.getMessage());
        }
        String reason = text("reason", change.reason());
        int version = tables.latestWeightVersion(s, factor) + 1;
        var row = new TablesRepository.WeightRow(s, weight, version, reason, clock.instant(), actor.username());
        tables.insertWeight(ids.next(), row);
        audit.record("risk.weight-changed", "risk-weight", s + "/" + factor, null, row);
        return weights(actor, ConsequenceRow.ANY.equals(s) ? null : s).stream().filter(w -> w.factor().equals(factor.name()))
                .findFirst().orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<ConsequenceView> consequences(Actor actor) {
        requireReader(actor);
        return tables.currentConsequences().stream().map(RiskTables::view).toList();
    }

    /** OPERATOR: a new version of the (region, sector, tier) row; audited. */
    @Transactional
    public ConsequenceView changeConsequence(Actor actor, String regionCode, String sector, RiskTier tier, ConsequenceChange c) {
        requireOperator(actor);
        String region = region(regionCode);
        String s = ConsequenceRow.ANY.equals(sector) ? sector : sector(sector);
        if (tier == null || c == null) {
            throw Rejection.invalid("tier", "name the tier A, B, C or D and the values");
        }
        if (c.advanceCap() != null && (!Money.CNY.equals(c.advanceCap().currency()) || c.advanceCap().isNegative())) {
            throw Rejection.invalid("advanceCap", "the advance cap is a CNY amount of 0 or more");
        }
        if (c.insuranceTier() != null && !List.of("A", "B", "C").contains(c.insuranceTier())) {
            throw Rejection.invalid("insuranceTier", "the insurance tier is A, B or C");
        }
        if (c.settlementFrequency() != null && !List.of("DAILY", "WEEKLY").contains(c.settlementFrequency())) {
            throw Rejection.invalid("settlementFrequency", "DAILY or WEEKLY");
        }
        ConsequenceRow row;
        try {
            row = new ConsequenceRow(region, s, tier, c.supervisionRatioBp(), c.advanceCap() == null ? null : c.advanceCap().amountMinor(),
                    c.depositShareBp(), c.insuranceTier(), c.settlementFrequency(), c.payoutDay(), c.salesBlocked(),
                    text("source", c.source()));
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid("values", e.getMessage());
        }
        if (row.payoutDay() == DayOfWeek.SATURDAY || row.payoutDay() == DayOfWeek.SUNDAY) {
            throw Rejection.invalid("payoutDay", "payouts happen on business days");
        }
        var before = tables.currentConsequence(region, s, tier);
        var version = new TablesRepository.ConsequenceVersion(row, before.map(v -> v.version() + 1).orElse(1), clock.instant(),
                actor.username());
        tables.insertConsequence(ids.next(), version);
        audit.record("risk.consequence-changed", "risk-consequence", region + "/" + s + "/" + tier, before.orElse(null), version);
        return view(version);
    }

    @Transactional(readOnly = true)
    public List<FloorView> floors(Actor actor) {
        requireReader(actor);
        return tables.floors().stream().map(RiskTables::view).toList();
    }

    /** OPERATOR: adds a floor; audited. */
    @Transactional
    public FloorView addFloor(Actor actor, NewFloor floor) {
        requireOperator(actor);
        if (floor == null || floor.condition() == null || floor.threshold() == null) {
            throw Rejection.invalid("condition", "give the condition and its threshold");
        }
        RatioFloor.Condition condition;
        try {
            condition = RatioFloor.Condition.valueOf(floor.condition());
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid("condition", "one of " + List.of(RatioFloor.Condition.values()));
        }
        String s = ConsequenceRow.ANY.equals(floor.sector()) ? floor.sector() : sector(floor.sector());
        RatioFloor domain;
        try {
            domain = new RatioFloor(region(floor.regionCode()), s, condition, floor.threshold(), floor.supervisionRatioBp(),
                    Boolean.TRUE.equals(floor.salesBlocked()), text("source", floor.source()));
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid("supervisionRatioBp", e.getMessage());
        }
        var row = new TablesRepository.FloorRow(ids.next(), domain, clock.instant(), actor.username());
        tables.insertFloor(row);
        audit.record("risk.floor-added", "risk-floor", row.id(), null, row);
        return view(row);
    }

    /** OPERATOR: retires a floor (kept for the record, no longer applied). */
    @Transactional
    public void retireFloor(Actor actor, UUID floorId) {
        requireOperator(actor);
        Instant now = clock.instant();
        if (tables.retireFloor(floorId, now) != 1) {
            throw Rejection.notFound("floor");
        }
        audit.record("risk.floor-retired", "risk-floor", floorId, null, Map.of("retiredAt", now.toString()));
    }

    private static ConsequenceView view(TablesRepository.ConsequenceVersion v) {
        ConsequenceRow r = v.row();
        return new ConsequenceView(r.regionCode(), r.sector(), r.tier(), v.version(), r.supervisionRatioBp(),
                r.advanceCapMinor() == null ? null : Money.fen(r.advanceCapMinor()), r.depositShareBp(), r.insuranceTier(),
                r.settlementFrequency(), r.payoutDay(), r.salesBlocked(), r.source(), v.createdAt(), v.createdBy());
    }

    private static FloorView view(TablesRepository.FloorRow row) {
        RatioFloor f = row.floor();
        return new FloorView(row.id(), f.regionCode(), f.sector(), f.condition().name(), f.threshold(), f.supervisionRatioBp(),
                f.salesBlocked(), f.source(), row.createdAt(), row.createdBy());
    }

    private static String region(String code) {
        if (code == null || !RegionCodes.isValid(code)) {
            throw Rejection.invalid("regionCode", "region must be * or a 6-digit region code");
        }
        return code;
    }

    private static String sector(String name) {
        for (Sector sector : Sector.values()) {
            if (sector.name().equals(name)) {
                return name;
            }
        }
        throw Rejection.invalid("sector", "sector must be * or one of " + List.of(Sector.values()));
    }

    private static Factor factor(String name) {
        try {
            return Factor.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw Rejection.invalid("factor", "factor must be one of " + List.of(Factor.values()));
        }
    }

    private static String text(String field, String value) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty() || text.length() > SOURCE_LENGTH_MAX) {
            throw Rejection.invalid(field, field + " is required, at most " + SOURCE_LENGTH_MAX + " characters");
        }
        return text;
    }

    private static void requireReader(Actor actor) {
        if (!actor.is(Role.OPERATOR, Role.REGULATOR) && !actor.role().isMerchantSide()) {
            throw new Rejection(ProblemType.FORBIDDEN, "your role does not read the risk tables");
        }
    }

    private static void requireOperator(Actor actor) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators change the risk tables");
        }
    }
}
