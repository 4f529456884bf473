package org.fangxin.oversight.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.oversight.BalanceDashboard;
import org.fangxin.oversight.BalanceDashboardView;
import org.fangxin.oversight.BalanceFigures;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The balance dashboard page (charts and tables, drill-down by clicking), one merchant's page, the downloads. */
@Controller
class BalancePageController {

    static final java.time.format.DateTimeFormatter SHANGHAI_MINUTES = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneId.of("Asia/Shanghai"));
    static final java.time.format.DateTimeFormatter SHANGHAI_DAY = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd").withZone(java.time.ZoneId.of("Asia/Shanghai"));

    private final BalanceDashboard dashboard;
    private final BalanceExport export;
    private final org.springframework.context.MessageSource messages;

    BalancePageController(BalanceDashboard dashboard, BalanceExport export, org.springframework.context.MessageSource messages) {
        this.dashboard = dashboard;
        this.export = export;
        this.messages = messages;
    }

    @GetMapping("/oversight")
    String page(Actor actor, @RequestParam(required = false) String region, @RequestParam(required = false) String sector,
                Locale locale, Model model) {
        BalanceDashboardView view = dashboard.dashboard(actor, region, sector, locale);
        model.addAttribute("d", view);
        model.addAttribute("snapshotAt", view.snapshotAt() == null ? "" : SHANGHAI_MINUTES.format(view.snapshotAt()));
        model.addAttribute("operator", actor.is(Role.OPERATOR));
        model.addAttribute("chartRegions", chart(view.children()));
        Map<String, Object> sectors = chart(view.bySector());
        sectors.put("labels", view.bySector().stream()
                .map(r -> messages.getMessage("merchant.sector." + r.key(), null, r.key(), locale)).toList());
        model.addAttribute("chartSectors", sectors);
        model.addAttribute("chartTrend", Map.of(
                "days", view.trend().stream().map(p -> p.day().toString()).toList(),
                "outstanding", view.trend().stream().map(p -> p.outstanding().amountMinor() / 100.0).toList(),
                "covered", view.trend().stream().map(p -> p.covered().amountMinor() / 100.0).toList()));
        return "oversight/dashboard";
    }

    @GetMapping("/oversight/export")
    void download(Actor actor, @RequestParam(required = false) String region, @RequestParam(required = false) String sector,
                  @RequestParam(defaultValue = "xlsx") String format, Locale locale, HttpServletResponse response)
            throws IOException {
        export.write(actor, region, sector, format, locale, response);
    }

    @GetMapping("/oversight/merchants/{merchantId}")
    String merchant(Actor actor, @PathVariable UUID merchantId, Locale locale, Model model) {
        model.addAttribute("m", dashboard.merchant(actor, merchantId, locale));
        return "oversight/merchant";
    }

    /** OPERATOR: take today's snapshot now (the job runs daily). */
    @PostMapping("/oversight/snapshots")
    String snapshot(Actor actor) {
        if (!actor.is(Role.OPERATOR)) {
            throw new org.fangxin.shared.Rejection(org.fangxin.shared.ProblemType.FORBIDDEN,
                    "only operators take a snapshot out of schedule");
        }
        dashboard.takeSnapshotToday();
        return "redirect:/oversight";
    }

    /** Labels, keys (for the click-through) and yuan per cover part, for a stacked bar chart. */
    private static Map<String, Object> chart(List<BalanceDashboardView.Row> rows) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("keys", rows.stream().map(BalanceDashboardView.Row::key).toList());
        chart.put("labels", rows.stream().map(BalanceDashboardView.Row::name).toList());
        chart.put("escrow", yuan(rows, BalanceFigures::escrow));
        chart.put("deposit", yuan(rows, BalanceFigures::deposit));
        chart.put("insured", yuan(rows, BalanceFigures::insured));
        chart.put("uncovered", yuan(rows, BalanceFigures::uncovered));
        return chart;
    }

    private static List<Double> yuan(List<BalanceDashboardView.Row> rows,
                                     java.util.function.Function<BalanceFigures, org.fangxin.shared.Money> part) {
        return rows.stream().map(r -> part.apply(r.figures()).amountMinor() / 100.0).toList();
    }
}
