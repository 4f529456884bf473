package org.fangxin.insurance.web;

import java.util.List;
import org.fangxin.identity.Role;
import org.fangxin.shared.Menu;
import org.fangxin.shared.MenuEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Home-page links to the insurance pages, one list for the module. */
@Configuration(proxyBeanMethods = false)
class InsuranceMenu {

    @Bean
    Menu insuranceLinks() {
        return Menu.of(
                new MenuEntry("/insurance", "insurance.menu.portal", List.of(Role.INSURER.name()), 20),
                new MenuEntry("/insurance/admin", "insurance.menu.admin",
                        List.of(Role.OPERATOR.name(), Role.REGULATOR.name()), 46));
    }
}
