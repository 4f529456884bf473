package org.fangxin.compensation.web;

import java.util.List;
import org.fangxin.shared.Menu;
import org.fangxin.shared.MenuEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Home-page links to the compensation pages, one list for the module. */
@Configuration(proxyBeanMethods = false)
class CompensationMenu {

    @Bean
    Menu compensationLinks() {
        return Menu.of(
                new MenuEntry("/compensations/mine", "compensation.menu", List.of("CONSUMER"), 12));
    }
}
