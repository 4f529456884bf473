package org.fangxin.notification.web;

import java.util.List;
import org.fangxin.shared.Menu;
import org.fangxin.shared.MenuEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Home-page links to the notification pages, one list for the module. */
@Configuration(proxyBeanMethods = false)
class NotificationMenu {

    @Bean
    Menu notificationLinks() {
        return Menu.of(
                new MenuEntry("/notifications", "notification.menu",
                        List.of("CONSUMER", "MERCHANT_OWNER", "MERCHANT_STAFF", "OPERATOR", "BANK", "INSURER",
                                "REGULATOR", "ASSOCIATION"), 5, true));
    }
}
