package org.fangxin.protection.web;

import java.util.List;
import org.fangxin.identity.Role;
import org.fangxin.shared.Menu;
import org.fangxin.shared.MenuEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Home-page links to the protection pages, one list for the module. */
@Configuration(proxyBeanMethods = false)
class ProtectionMenu {

    @Bean
    Menu protectionLinks() {
        return Menu.of(
                new MenuEntry("/protection/closures", "protection.menu.closures",
                        List.of(Role.OPERATOR.name(), Role.REGULATOR.name()), 46),
                new MenuEntry("/protection/closures/mine", "protection.menu.myClosures",
                        List.of(Role.MERCHANT_OWNER.name(), Role.MERCHANT_STAFF.name()), 46),
                new MenuEntry("/protection", "protection.menu.overview",
                        List.of(Role.OPERATOR.name(), Role.REGULATOR.name()), 45),
                new MenuEntry("/protection/mine", "protection.menu.mine",
                        List.of(Role.MERCHANT_OWNER.name(), Role.MERCHANT_STAFF.name()), 45),
                new MenuEntry("/protection/oversight", "protection.menu.oversight",
                        List.of(Role.OPERATOR.name(), Role.REGULATOR.name(), Role.ASSOCIATION.name()), 48),
                new MenuEntry("/protection/recovery", "protection.menu.recovery",
                        List.of(Role.OPERATOR.name(), Role.REGULATOR.name()), 47));
    }
}
