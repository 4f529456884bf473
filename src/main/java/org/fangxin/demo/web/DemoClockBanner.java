package org.fangxin.demo.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.fangxin.demo.ClockView;
import org.fangxin.demo.TimeTravel;
import org.fangxin.shared.Menu;
import org.fangxin.shared.MenuEntry;
import org.fangxin.shared.web.PageAttributes;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** While time travel is on, every page shows the platform's time in a banner, and operators get the clock's menu entry. */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "fangxin.time-travel.enabled", havingValue = "true")
class DemoClockBanner implements PageAttributes {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final TimeTravel timeTravel;

    DemoClockBanner(TimeTravel timeTravel) {
        this.timeTravel = timeTravel;
    }

    @Bean
    static Menu demoClockMenu() {
        return Menu.of(new MenuEntry("/demo/clock", "demo.menu.clock", List.of("OPERATOR"), 90));
    }

    @Override
    public void addTo(HttpServletRequest request, Map<String, Object> model) {
        model.put("demoClock", demoClock());
    }

    String demoClock() {
        ClockView clock = timeTravel.now();
        String now = SHOWN.format(clock.now().atZone(TimeTravelPageController.SHANGHAI));
        return clock.offset().isZero() ? now : now + " (+" + clock.offsetDays() + "d " + clock.offset().toHoursPart() + "h)";
    }
}
