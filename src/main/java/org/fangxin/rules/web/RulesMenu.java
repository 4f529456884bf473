package org.fangxin.rules.web;

import java.util.List;
import org.fangxin.shared.Menu;
import org.fangxin.shared.MenuEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Home-page links to the rules pages, one list for the module. */
@Configuration(proxyBeanMethods = false)
class RulesMenu {

    @Bean
    Menu rulesLinks() {
        return Menu.of(
                new MenuEntry("/rules", "rules.menu.table",
                        List.of("OPERATOR", "REGULATOR", "ASSOCIATION", "MERCHANT_OWNER"), 60));
    }
}
