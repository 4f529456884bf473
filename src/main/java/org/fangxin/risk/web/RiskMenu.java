package org.fangxin.risk.web;

import java.util.List;
import org.fangxin.shared.Menu;
import org.fangxin.shared.MenuEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Home-page links to the risk pages, one list for the module. */
@Configuration(proxyBeanMethods = false)
class RiskMenu {

    @Bean
    Menu riskLinks() {
        return Menu.of(
                new MenuEntry("/risk", "risk.menu.dashboard", List.of("OPERATOR", "REGULATOR"), 45),
                new MenuEntry("/risk/feeds", "risk.menu.feeds", List.of("OPERATOR"), 46),
                new MenuEntry("/risk/tables", "risk.menu.tables", List.of("OPERATOR", "REGULATOR"), 47),
                new MenuEntry("/risk/mine", "risk.menu.mine", List.of("MERCHANT_OWNER", "MERCHANT_STAFF"), 15));
    }
}
