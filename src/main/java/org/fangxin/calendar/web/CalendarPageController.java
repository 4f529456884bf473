package org.fangxin.calendar.web;

import java.time.LocalDate;
import org.fangxin.calendar.DayKind;
import org.fangxin.calendar.WorkingDays;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.shared.Rejection;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The calendar page: a year's listed days; operators add, change and remove them. */
@Controller
class CalendarPageController {

    private final WorkingDays workingDays;
    private final java.time.Clock clock;

    CalendarPageController(WorkingDays workingDays, java.time.Clock clock) {
        this.workingDays = workingDays;
        this.clock = clock;
    }

    @GetMapping("/calendar")
    String year(Actor actor, @RequestParam(required = false) Integer year, Model model) {
        int shown = year == null ? LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Asia/Shanghai")).getYear() : year;
        model.addAttribute("year", shown);
        model.addAttribute("days", workingDays.year(shown));
        model.addAttribute("kinds", DayKind.values());
        model.addAttribute("editable", actor.is(Role.OPERATOR));
        return "calendar/days";
    }

    @PostMapping("/calendar/days")
    String set(Actor actor, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
               @RequestParam DayKind kind, @RequestParam String name, RedirectAttributes redirect) {
        try {
            workingDays.set(actor, day, kind, name);
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
        }
        redirect.addAttribute("year", day.getYear());
        return "redirect:/calendar";
    }

    @PostMapping("/calendar/days/removal")
    String remove(Actor actor, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
                  RedirectAttributes redirect) {
        try {
            workingDays.remove(actor, day);
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
        }
        redirect.addAttribute("year", day.getYear());
        return "redirect:/calendar";
    }
}
