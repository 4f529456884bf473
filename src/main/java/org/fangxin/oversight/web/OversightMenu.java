package org.fangxin.oversight.web;

import java.util.List;
import org.fangxin.identity.Role;
import org.fangxin.shared.Menu;
import org.fangxin.shared.MenuEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Home-page links to the oversight pages, one list for the module. */
@Configuration(proxyBeanMethods = false)
class OversightMenu {

    @Bean
    Menu oversightLinks() {
        return Menu.of(
                new MenuEntry("/oversight", "oversight.menu.balances",
                        List.of(Role.OPERATOR.name(), Role.REGULATOR.name(), Role.ASSOCIATION.name()), 46),
                new MenuEntry("/oversight/filings", "oversight.menu.filings",
                        List.of(Role.OPERATOR.name(), Role.REGULATOR.name(), Role.ASSOCIATION.name(),
                                Role.MERCHANT_OWNER.name(), Role.MERCHANT_STAFF.name()), 47),
                new MenuEntry("/oversight/reports", "oversight.menu.reports",
                        List.of(Role.OPERATOR.name(), Role.REGULATOR.name(), Role.ASSOCIATION.name(),
                                Role.MERCHANT_OWNER.name()), 48));
    }
}
