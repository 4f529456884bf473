package org.fangxin.identity.web;

import java.util.List;
import org.fangxin.shared.Menu;
import org.fangxin.shared.MenuEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Home-page links to the identity pages, one list for the module. */
@Configuration(proxyBeanMethods = false)
class IdentityMenu {

    @Bean
    Menu identityLinks() {
        return Menu.of(
                new MenuEntry("/identity/sms-outbox", "identity.menu.smsOutbox", List.of("OPERATOR"), 900),
                new MenuEntry("/identity/api-keys", "identity.menu.apiKeys", List.of("OPERATOR"), 910),
                new MenuEntry("/identity/users", "identity.menu.users", List.of("OPERATOR"), 905),
                new MenuEntry("/merchant-staff", "identity.menu.merchantStaff", List.of("MERCHANT_OWNER"), 900),
                new MenuEntry("/audit", "identity.menu.audit", List.of("OPERATOR", "REGULATOR"), 990),
                new MenuEntry("/me/real-name", "identity.menu.realName", List.of("CONSUMER"), 900),
                new MenuEntry("/me/privacy", "identity.privacy.title", List.of("CONSUMER"), 950));
    }
}
