package org.fangxin.demo.web;

import java.time.Duration;
import org.fangxin.demo.ClockView;
import org.fangxin.demo.TimeTravel;
import org.fangxin.identity.Actor;
import org.fangxin.shared.Rejection;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The demo clock over the API; outside the demo profile these endpoints do not exist (404). */
@RestController
@Profile("demo")
@ConditionalOnProperty(name = "fangxin.time-travel.enabled", havingValue = "true")
class TimeTravelApiController {

    private final TimeTravel timeTravel;

    TimeTravelApiController(TimeTravel timeTravel) {
        this.timeTravel = timeTravel;
    }

    /** How far to move: days, hours and minutes (all optional, none negative, at least one minute in total). */
    record Advance(Integer days, Integer hours, Integer minutes) {
        Duration duration() {
            int d = days == null ? 0 : days;
            int h = hours == null ? 0 : hours;
            int m = minutes == null ? 0 : minutes;
            if (d < 0 || h < 0 || m < 0) {
                throw Rejection.invalid("duration", "the demo clock only moves forward");
            }
            return Duration.ofDays(d).plusHours(h).plusMinutes(m);
        }
    }

    @GetMapping("/api/v1/demo/clock")
    ClockView clock(Actor actor) {
        return timeTravel.now();
    }

    @PostMapping("/api/v1/demo/clock/advance")
    ClockView advance(Actor actor, @RequestBody Advance advance) {
        return timeTravel.advance(actor, advance.duration());
    }
}
