package org.fangxin.payment.web;

import java.util.List;
import org.fangxin.identity.Role;
import org.fangxin.shared.Menu;
import org.fangxin.shared.MenuEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Home-page links to the payment pages, one list for the module. */
@Configuration(proxyBeanMethods = false)
class PaymentMenu {

    @Bean
    Menu paymentLinks() {
        return Menu.of(
                new MenuEntry("/payments", "payment.menu", List.of(Role.OPERATOR.name()), 70));
    }
}
