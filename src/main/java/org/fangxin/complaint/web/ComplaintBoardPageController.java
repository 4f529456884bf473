package org.fangxin.complaint.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fangxin.complaint.ComplaintImports;
import org.fangxin.complaint.ComplaintOutcome;
import org.fangxin.complaint.ComplaintReports;
import org.fangxin.complaint.ComplaintStage;
import org.fangxin.complaint.ImportResult;
import org.fangxin.complaint.SlaBoard;
import org.fangxin.complaint.domain.DeadlineRules;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The SLA board (charts of open cases by stage, overdue, missed deadlines and median days to close) for the platform,
 * the association and regulators; the operators' exchange page (12315 import, export, deadline rules per region).
 */
@Controller
class ComplaintBoardPageController {

    private final ComplaintReports reports;
    private final ComplaintImports imports;
    private final MessageSource messages;

    ComplaintBoardPageController(ComplaintReports reports, ComplaintImports imports, MessageSource messages) {
        this.reports = reports;
        this.imports = imports;
        this.messages = messages;
    }

    @GetMapping("/complaints/sla")
    String board(Actor actor, Model model) {
        SlaBoard board = reports.board(actor);
        model.addAttribute("board", board);
        List<ComplaintStage> stages = List.of(ComplaintStage.values()).stream().filter(ComplaintStage::open).toList();
        List<String> stageLabels = new ArrayList<>();
        stages.forEach(s -> stageLabels.add(text("complaint.stage." + s)));
        model.addAttribute("stages", stages);
        model.addAttribute("stageLabels", stageLabels);
        model.addAttribute("openSeries", series(stages, board.openByStage()));
        model.addAttribute("overdueSeries", series(stages, board.overdueByStage()));
        model.addAttribute("dueSoonSeries", series(stages, board.dueSoonByStage()));
        model.addAttribute("missedSeries", series(stages, board.missedByStage()));
        List<String> outcomeLabels = new ArrayList<>();
        List<Double> medians = new ArrayList<>();
        for (ComplaintOutcome outcome : ComplaintOutcome.values()) {
            outcomeLabels.add(text("complaint.outcome." + outcome));
            medians.add(board.medianDaysByOutcome().getOrDefault(outcome, 0.0));
        }
        model.addAttribute("outcomes", ComplaintOutcome.values());
        model.addAttribute("outcomeLabels", outcomeLabels);
        model.addAttribute("medianSeries", medians);
        return "complaint/sla";
    }

    @GetMapping("/complaints/admin")
    String admin(Actor actor, @RequestParam(defaultValue = "000000") String region, Model model) {
        requireOperator(actor);
        model.addAttribute("region", region);
        model.addAttribute("rules", reports.rules(region));
        model.addAttribute("columns", String.join(",", ComplaintImports.COLUMNS));
        return "complaint/admin";
    }

    @PostMapping("/complaints/admin/imports")
    String import12315(Actor actor, @RequestParam("file") MultipartFile file, RedirectAttributes redirect) {
        try {
            ImportResult result = imports.import12315(actor, new String(file.getBytes(), StandardCharsets.UTF_8));
            redirect.addFlashAttribute("imported", result);
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
            redirect.addFlashAttribute("importErrors", rejection.properties().get("errors"));
        } catch (IOException e) {
            redirect.addFlashAttribute("error", Rejection.invalid("file", "the file could not be read")
                    .withMessage("complaint.import.rule.file").getLocalizedMessage());
        }
        return "redirect:/complaints/admin";
    }

    @PostMapping("/complaints/admin/rules")
    String rules(Actor actor, @RequestParam String region, @RequestParam int negotiationDays, @RequestParam int platformDays,
                 @RequestParam int acceptanceDays, @RequestParam int mediationDays, @RequestParam int performanceDays,
                 @RequestParam int noticeDays, RedirectAttributes redirect) {
        try {
            reports.setRules(actor, region, new DeadlineRules(negotiationDays, platformDays, acceptanceDays, mediationDays,
                    performanceDays, noticeDays));
            redirect.addFlashAttribute("saved", true);
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", Rejection.invalid("days", e.getMessage())
                    .withMessage("problem.complaint.deadline-days", DeadlineRules.DAYS_MAX).getLocalizedMessage());
        }
        redirect.addAttribute("region", region);
        return "redirect:/complaints/admin";
    }

    private static List<Long> series(List<ComplaintStage> stages, Map<ComplaintStage, Long> counts) {
        return stages.stream().map(s -> counts.getOrDefault(s, 0L)).toList();
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }

    private static void requireOperator(Actor actor) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "for platform operators");
        }
    }
}
