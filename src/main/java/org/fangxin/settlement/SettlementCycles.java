package org.fangxin.settlement;

import java.time.Clock;
import java.time.DayOfWeek;
import org.fangxin.merchant.Sector;
import org.fangxin.settlement.domain.SettlementCycle;
import org.fangxin.settlement.persistence.SettlementRepository;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Settlement cycles per sector (DAILY when none is stored): read by runs and summaries, changed by operators. */
@Component
class SettlementCycles {

    private final SettlementRepository repository;
    private final AuditTrail audit;
    private final Clock clock;

    SettlementCycles(SettlementRepository repository, AuditTrail audit, Clock clock) {
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
    }

    /** Changes a sector's cycle (WEEKLY needs a business weekday, DAILY none) in a transaction of its own; audited. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public CycleView change(String by, Sector sector, SettlementFrequency frequency, DayOfWeek payoutDay) {
        if (sector == null || frequency == null) {
            throw Rejection.invalid(sector == null ? "sector" : "frequency", "sector and frequency are required");
        }
        SettlementCycle cycle;
        try {
            cycle = new SettlementCycle(frequency, payoutDay);
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid("payoutDay", e.getMessage());
        }
        CycleView before = repository.cycle(sector).orElse(null);
        repository.upsertCycle(sector, cycle.frequency(), cycle.payoutDay(), clock.instant(), by);
        CycleView after = repository.cycle(sector).orElseThrow();
        audit.record("settlement.cycle.changed", "settlement.cycle", sector, before, after);
        return after;
    }

    CycleView view(Sector sector) {
        return repository.cycle(sector).orElse(new CycleView(sector, SettlementFrequency.DAILY, null, null, null));
    }

    SettlementCycle of(Sector sector) {
        CycleView view = view(sector);
        return new SettlementCycle(view.frequency(), view.payoutDay());
    }
}
