package org.fangxin.oversight.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.oversight.QuarterlyReports;
import org.fangxin.oversight.QuarterlyStatement;
import org.fangxin.oversight.RegionReport;
import org.fangxin.oversight.ReportRun;
import org.fangxin.shared.Money;
import org.fangxin.shared.web.TableExport;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** Quarterly statements and region reports: API (JSON), the page, and the XLSX/CSV downloads (page and API). */
@Controller
class ReportController {

    static final List<String> COLUMNS = List.of("merchant", "region", "sector", "tier", "sold", "redeemed", "refunds",
            "refunded", "outstanding", "escrow", "advance", "deposit", "complaints");

    private final QuarterlyReports reports;
    private final MessageSource messages;
    private final ReportPdf pdf;

    ReportController(QuarterlyReports reports, MessageSource messages, ReportPdf pdf) {
        this.reports = reports;
        this.messages = messages;
        this.pdf = pdf;
    }

    record Listing(List<ReportRun> quarters, List<QuarterlyStatement> statements) { }

    @GetMapping("/api/v1/oversight/reports")
    @ResponseBody
    Listing list(Actor actor, Locale locale) {
        return new Listing(reports.quarters(actor), actor.is(Role.MERCHANT_OWNER) ? reports.own(actor, locale) : List.of());
    }

    @GetMapping("/api/v1/oversight/reports/{quarter}/statements/{merchantId}")
    @ResponseBody
    QuarterlyStatement statement(Actor actor, @PathVariable String quarter, @PathVariable UUID merchantId, Locale locale) {
        return reports.statement(actor, quarter, merchantId, locale);
    }

    @GetMapping("/api/v1/oversight/reports/{quarter}/region")
    @ResponseBody
    RegionReport region(Actor actor, @PathVariable String quarter, @RequestParam(required = false) String region,
                        @RequestParam(required = false) String sector, Locale locale) {
        return reports.region(actor, quarter, region, sector, locale);
    }

    @GetMapping({"/oversight/reports/{quarter}/statements/{merchantId}/download",
            "/api/v1/oversight/reports/{quarter}/statements/{merchantId}/download"})
    void downloadStatement(Actor actor, @PathVariable String quarter, @PathVariable UUID merchantId,
                           @RequestParam(defaultValue = "xlsx") String format, Locale locale, HttpServletResponse response)
            throws IOException {
        QuarterlyStatement s = reports.statement(actor, quarter, merchantId, locale);
        String title = messages.getMessage("oversight.reports.statementTitle", new Object[] {s.legalName(), s.quarter()},
                locale);
        download(response, format, "statement-" + s.quarter() + "-" + merchantId, title, locale,
                rows -> rows.row(cells(s, locale)));
    }

    @GetMapping({"/oversight/reports/{quarter}/region/download", "/api/v1/oversight/reports/{quarter}/region/download"})
    void downloadRegion(Actor actor, @PathVariable String quarter, @RequestParam(required = false) String region,
                        @RequestParam(required = false) String sector, @RequestParam(defaultValue = "xlsx") String format,
                        Locale locale, HttpServletResponse response) throws IOException {
        RegionReport r = reports.region(actor, quarter, region, sector, locale);
        String title = messages.getMessage("oversight.reports.regionTitle", new Object[] {r.regionName(), r.quarter()},
                locale);
        download(response, format, "report-" + r.quarter() + "-" + r.regionCode(), title, locale, rows -> {
            List<Object> total = cells(r.totals(), locale);
            total.set(0, messages.getMessage("oversight.reports.total", new Object[] {r.merchants()}, locale));
            total.set(1, r.regionName());
            rows.row(total);
            r.statements().forEach(s -> rows.row(cells(s, locale)));
        });
    }

    @GetMapping("/oversight/reports")
    String page(Actor actor, @RequestParam(required = false) String quarter, Locale locale, Model model) {
        List<ReportRun> quarters = reports.quarters(actor);
        model.addAttribute("quarters", quarters);
        model.addAttribute("owner", actor.is(Role.MERCHANT_OWNER));
        model.addAttribute("times", quarters.stream().collect(java.util.stream.Collectors.toMap(ReportRun::quarter,
                q -> BalancePageController.SHANGHAI_MINUTES.format(q.generatedAt()))));
        if (actor.is(Role.MERCHANT_OWNER)) {
            model.addAttribute("statements", reports.own(actor, locale));
        } else if (!quarters.isEmpty()) {
            String chosen = quarter == null || quarter.isBlank() ? quarters.get(0).quarter() : quarter;
            model.addAttribute("report", reports.region(actor, chosen, null, null, locale));
        }
        return "oversight/reports";
    }

    /** XLSX or CSV through {@link TableExport}, or PDF; the format is checked before the first byte. */
    private void download(HttpServletResponse response, String format, String baseName, String title, Locale locale,
                          java.util.function.Consumer<TableExport.Rows> producer) throws IOException {
        if ("pdf".equalsIgnoreCase(format)) {
            pdf.write(response, baseName, title, headers(locale), producer);
            return;
        }
        TableExport.write(response, baseName, TableExport.Format.of(format), headers(locale), producer);
    }

    private List<String> headers(Locale locale) {
        return COLUMNS.stream().map(c -> messages.getMessage("oversight.reports.column." + c, null, c, locale)).toList();
    }

    private List<Object> cells(QuarterlyStatement s, Locale locale) {
        return new ArrayList<>(List.of(s.legalName() == null ? "" : s.legalName(),
                s.regionName() == null ? "" : s.regionName(),
                s.sector() == null ? "" : messages.getMessage("merchant.sector." + s.sector(), null, s.sector(), locale),
                s.tier() == null ? "" : messages.getMessage("oversight.reports.tier." + s.tier(), null, s.tier(), locale),
                yuan(s.sold()), yuan(s.redeemed()), s.refunds(), yuan(s.refunded()), yuan(s.outstanding()),
                yuan(s.escrow()), yuan(s.advance()), yuan(s.deposit()), s.complaints()));
    }

    private static BigDecimal yuan(Money money) {
        return BigDecimal.valueOf(money.amountMinor(), 2);
    }
}
