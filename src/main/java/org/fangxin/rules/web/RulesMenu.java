package org.fangxin.rules.web;

import java.util.List;
import org.fangxin.shared.MenuEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Home-page link to the rule table: operators edit it; regulators, the association and merchant owners read it. */
@Configuration(proxyBeanMethods = false)
class RulesMenu {

    @Bean
    MenuEntry rulesTable() {
        return new MenuEntry("/rules", "rules.menu.table", List.of("OPERATOR", "REGULATOR", "ASSOCIATION", "MERCHANT_OWNER"), 60);
    }
}
