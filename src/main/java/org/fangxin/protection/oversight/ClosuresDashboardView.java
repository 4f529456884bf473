package org.fangxin.protection.oversight;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fangxin.protection.ClosureStatus;

/** The regulator's closures dashboard: totals, per sector, per region and per case (no consumer data). */
public record ClosuresDashboardView(Instant at, String sectorScope, ClosureFigures totals, List<Group> bySector,
                                    List<Group> byRegion, List<Case> cases) {

    public record Group(String key, ClosureFigures figures) { }

    public record Case(UUID caseId, UUID merchantId, String merchantName, String sector, String regionCode,
                       ClosureStatus status, Instant openedAt, Instant decidedAt, ClosureFigures figures) { }
}
