package org.fangxin.calendar.web;

import java.util.List;
import org.fangxin.identity.Role;
import org.fangxin.shared.Menu;
import org.fangxin.shared.MenuEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Home-page links to the calendar pages, one list for the module. */
@Configuration(proxyBeanMethods = false)
class CalendarMenu {

    @Bean
    Menu calendarLinks() {
        return Menu.of(
                new MenuEntry("/calendar", "calendar.menu",
                        List.of(Role.OPERATOR.name(), Role.ASSOCIATION.name(), Role.REGULATOR.name()), 92));
    }
}
