package org.fangxin.oversight.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fangxin.identity.Actor;
import org.fangxin.oversight.BalanceDashboard;
import org.fangxin.oversight.BalanceFigures;
import org.fangxin.oversight.OversightScope;
import org.fangxin.shared.web.TableExport;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The dashboard's merchant list as a download (page and API): column titles in the caller's language, yuan amounts. */
@Component
class BalanceExport {

    static final List<String> COLUMNS = List.of("merchant", "region", "sector", "liveCards", "outstanding",
            "escrow", "advance", "deposit", "insured", "uncovered", "coverage");

    private final BalanceDashboard dashboard;
    private final MessageSource messages;

    BalanceExport(BalanceDashboard dashboard, MessageSource messages) {
        this.dashboard = dashboard;
        this.messages = messages;
    }

    void write(Actor actor, String region, String sector, String format, Locale locale, HttpServletResponse response)
            throws IOException {
        OversightScope scope = OversightScope.of(actor, region, sector);   // refuse before the first byte is written
        TableExport.Format chosen = TableExport.Format.of(format);
        List<String> headers = COLUMNS.stream().map(c -> messages.getMessage("oversight.column." + c, null, c, locale)).toList();
        TableExport.write(response, "balances-" + scope.region() + (scope.sector() == null ? "" : "-" + scope.sector()),
                chosen, headers, rows -> dashboard.eachMerchant(actor, scope.region(), scope.sector(), locale, m -> {
                    BalanceFigures f = m.figures();
                    List<Object> cells = new ArrayList<>(List.of(m.legalName(), m.regionName(),
                            messages.getMessage("merchant.sector." + m.sector(), null, m.sector(), locale), f.liveCards(),
                            yuan(f.outstanding().amountMinor()), yuan(f.escrow().amountMinor()), yuan(f.advance().amountMinor()),
                            yuan(f.deposit().amountMinor()), yuan(f.insured().amountMinor()), yuan(f.uncovered().amountMinor())));
                    cells.add(f.coverageRatio() == null ? "" : f.coverageRatio());
                    rows.row(cells);
                }));
    }

    private static java.math.BigDecimal yuan(long fen) {
        return java.math.BigDecimal.valueOf(fen, 2);
    }
}
