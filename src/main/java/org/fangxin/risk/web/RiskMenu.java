package org.fangxin.risk.web;

import java.util.List;
import org.fangxin.shared.MenuEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The risk pages on each role's home page. */
@Configuration(proxyBeanMethods = false)
class RiskMenu {

    @Bean
    MenuEntry riskDashboardMenu() {
        return new MenuEntry("/risk", "risk.menu.dashboard", List.of("OPERATOR", "REGULATOR"), 45);
    }

    @Bean
    MenuEntry riskFeedsMenu() {
        return new MenuEntry("/risk/feeds", "risk.menu.feeds", List.of("OPERATOR"), 46);
    }

    @Bean
    MenuEntry riskTablesMenu() {
        return new MenuEntry("/risk/tables", "risk.menu.tables", List.of("OPERATOR", "REGULATOR"), 47);
    }

    @Bean
    MenuEntry myRiskMenu() {
        return new MenuEntry("/risk/mine", "risk.menu.mine", List.of("MERCHANT_OWNER", "MERCHANT_STAFF"), 15);
    }
}
