package org.fangxin.oversight.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.oversight.BalanceDashboard;
import org.fangxin.oversight.BalanceDashboardView;
import org.fangxin.oversight.MerchantBalances;
import org.fangxin.oversight.RegionView;
import org.fangxin.oversight.Regions;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The balance dashboard's API (docs/oversight.md): the same figures, drill-down and downloads as the page. */
@RestController
class BalanceApiController {

    private final BalanceDashboard dashboard;
    private final Regions regions;
    private final BalanceExport export;

    BalanceApiController(BalanceDashboard dashboard, Regions regions, BalanceExport export) {
        this.dashboard = dashboard;
        this.regions = regions;
        this.export = export;
    }

    /** Public: the region hierarchy (GB/T 2260 codes with Chinese and English names). */
    @GetMapping("/api/v1/public/regions")
    List<RegionView> regions() {
        return regions.all();
    }

    @GetMapping("/api/v1/oversight/balances")
    BalanceDashboardView balances(Actor actor, @RequestParam(required = false) String region,
                                  @RequestParam(required = false) String sector, Locale locale) {
        return dashboard.dashboard(actor, region, sector, locale);
    }

    /** Every merchant in view with its figures, as CSV or XLSX ({@code format}), streamed. */
    @GetMapping("/api/v1/oversight/balances/merchants")
    void merchants(Actor actor, @RequestParam(required = false) String region, @RequestParam(required = false) String sector,
                   @RequestParam(defaultValue = "csv") String format, Locale locale, HttpServletResponse response)
            throws IOException {
        export.write(actor, region, sector, format, locale, response);
    }

    @GetMapping("/api/v1/oversight/merchants/{merchantId}/balances")
    MerchantBalances merchant(Actor actor, @PathVariable UUID merchantId, Locale locale) {
        return dashboard.merchant(actor, merchantId, locale);
    }

    /** OPERATOR: take (or retake) today's snapshot now; the daily job does it at 02:30 Asia/Shanghai. */
    @PostMapping("/api/v1/oversight/snapshots")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> snapshot(Actor actor) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators take a snapshot out of schedule");
        }
        return Map.of("merchants", dashboard.takeSnapshotToday());
    }
}
