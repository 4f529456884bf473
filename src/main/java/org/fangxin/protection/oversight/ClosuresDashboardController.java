package org.fangxin.protection.oversight;

import java.util.List;
import java.util.Map;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.http.HttpStatus;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;

/** The closures dashboard (page with a chart, and its JSON), and running the suspicion watch now (operators). */
@Controller
class ClosuresDashboardController {

    private final ClosuresDashboard dashboard;
    private final SuspicionWatch watch;

    private final org.springframework.context.MessageSource messages;

    ClosuresDashboardController(ClosuresDashboard dashboard, SuspicionWatch watch,
                                org.springframework.context.MessageSource messages) {
        this.dashboard = dashboard;
        this.watch = watch;
        this.messages = messages;
    }

    @GetMapping("/api/v1/protection/oversight/closures")
    @ResponseBody
    ClosuresDashboardView api(Actor actor) {
        return dashboard.dashboard(actor);
    }

    @PostMapping("/api/v1/protection/suspicion-watch/runs")
    @ResponseBody
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> runWatch(Actor actor) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators run the suspicion watch");
        }
        SuspicionWatch.Run run = watch.run();
        return Map.of("at", run.at(), "merchantsChecked", run.merchantsChecked(),
                "opened", run.opened().stream().map(c -> c.id().toString()).toList());
    }

    @GetMapping("/protection/oversight")
    String page(Actor actor, Model model, java.util.Locale locale) {
        ClosuresDashboardView view = dashboard.dashboard(actor);
        model.addAttribute("d", view);
        // Chart labels are drawn on a canvas: sectors by name in the reader's language, never codes.
        model.addAttribute("chartLabels", view.bySector().stream()
                .map(g -> messages.getMessage("merchant.sector." + g.key(), null, g.key(), locale)).toList());
        model.addAttribute("chartSeries", chartSeries(view.bySector()));
        return "protection/oversight";
    }

    /** Fen per figure and sector, for the stacked chart (the page shows yuan). */
    private static Map<String, List<Long>> chartSeries(List<ClosuresDashboardView.Group> groups) {
        return Map.of(
                "fromEscrow", groups.stream().map(g -> g.figures().fromEscrow().amountMinor()).toList(),
                "fromDeposit", groups.stream().map(g -> g.figures().fromDeposit().amountMinor()).toList(),
                "fromFund", groups.stream().map(g -> g.figures().fromFund().amountMinor()).toList(),
                "fromInsurer", groups.stream().map(g -> g.figures().fromInsurer().amountMinor()).toList(),
                "fromMerchant", groups.stream().map(g -> g.figures().fromMerchant().amountMinor()).toList(),
                "lost", groups.stream().map(g -> g.figures().lost().amountMinor()).toList(),
                "stillOpen", groups.stream().map(g -> g.figures().stillOpen().amountMinor()).toList());
    }
}
