package org.fangxin.demo.web;

import java.time.Duration;
import java.time.ZoneId;
import org.fangxin.demo.TimeTravel;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The demo clock page for operators. */
@Controller
@Profile("demo")
@ConditionalOnProperty(name = "fangxin.time-travel.enabled", havingValue = "true")
class TimeTravelPageController {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final TimeTravel timeTravel;

    TimeTravelPageController(TimeTravel timeTravel) {
        this.timeTravel = timeTravel;
    }

    @GetMapping("/demo/clock")
    String page(Actor actor, Model model) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators move the demo clock");
        }
        model.addAttribute("clock", timeTravel.now());
        model.addAttribute("zone", SHANGHAI);
        return "demo/clock";
    }

    @PostMapping("/demo/clock/advance")
    String advance(Actor actor, @RequestParam(defaultValue = "0") int days, @RequestParam(defaultValue = "0") int hours,
                   RedirectAttributes redirect) {
        try {
            var moved = timeTravel.advance(actor, Duration.ofDays(Math.max(days, 0)).plusHours(Math.max(hours, 0)));
            redirect.addFlashAttribute("moved", moved);
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("failure", rejection.getMessage());
        }
        return "redirect:/demo/clock";
    }
}
