package org.fangxin.refund.web;

import java.util.List;
import org.fangxin.identity.Role;
import org.fangxin.shared.Menu;
import org.fangxin.shared.MenuEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Home-page links to the refund pages, one list for the module. */
@Configuration(proxyBeanMethods = false)
class RefundMenu {

    @Bean
    Menu refundLinks() {
        return Menu.of(
                new MenuEntry("/refunds", "refund.menu.mine", List.of(Role.CONSUMER.name()), 40),
                new MenuEntry("/refunds/merchant", "refund.menu.merchant",
                        List.of(Role.MERCHANT_OWNER.name(), Role.MERCHANT_STAFF.name()), 45),
                new MenuEntry("/refunds/operator", "refund.menu.operator", List.of(Role.OPERATOR.name()), 75));
    }
}
