package org.fangxin.settlement;

import java.time.Clock;
import java.time.DayOfWeek;
import java.util.Optional;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Sector;
import org.fangxin.settlement.domain.SettlementCycle;
import org.fangxin.settlement.persistence.SettlementRepository;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.Rejection;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Settlement cycles per sector (DAILY when none is stored): read by runs and summaries, changed by operators; a
 * merchant's own cycle ({@link MerchantSettlementCycles}, e.g. the risk module by tier) replaces its sector's.
 */
@Component
class SettlementCycles {

    private final SettlementRepository repository;
    private final AuditTrail audit;
    private final Clock clock;
    private final ObjectProvider<MerchantSettlementCycles> merchantCycles;

    SettlementCycles(SettlementRepository repository, AuditTrail audit, Clock clock,
                     ObjectProvider<MerchantSettlementCycles> merchantCycles) {
        this.merchantCycles = merchantCycles;
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

    /** The merchant's own cycle (set by another module, e.g. risk by tier), else its sector's. */
    CycleView view(MerchantView merchant) {
        CycleView sector = view(merchant.sector());
        return merchantCycles.orderedStream().map(source -> source.cycleFor(merchant.id())).flatMap(Optional::stream)
                .findFirst().map(c -> new CycleView(merchant.sector(), c.frequency(), c.payoutDay(), null, "risk"))
                .orElse(sector);
    }

    SettlementCycle of(MerchantView merchant) {
        CycleView view = view(merchant);
        return new SettlementCycle(view.frequency(), view.payoutDay());
    }
}
