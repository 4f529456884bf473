package org.fangxin.identity.web;

import java.util.List;
import org.fangxin.shared.MenuEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Home-page links to identity's pages. */
@Configuration(proxyBeanMethods = false)
class IdentityMenu {

    @Bean
    MenuEntry smsOutboxMenu() {
        return new MenuEntry("/identity/sms-outbox", "identity.menu.smsOutbox", List.of("OPERATOR"), 900);
    }

    @Bean
    MenuEntry apiKeysMenu() {
        return new MenuEntry("/identity/api-keys", "identity.menu.apiKeys", List.of("OPERATOR"), 910);
    }

    @Bean
    MenuEntry platformUsersMenu() {
        return new MenuEntry("/identity/users", "identity.menu.users", List.of("OPERATOR"), 905);
    }

    @Bean
    MenuEntry merchantStaffMenu() {
        return new MenuEntry("/merchant-staff", "identity.menu.merchantStaff", List.of("MERCHANT_OWNER"), 900);
    }

    @Bean
    MenuEntry auditMenu() {
        return new MenuEntry("/audit", "identity.menu.audit", List.of("OPERATOR", "REGULATOR"), 990);
    }

    @Bean
    MenuEntry realNameMenu() {
        return new MenuEntry("/me/real-name", "identity.menu.realName", List.of("CONSUMER"), 900);
    }

    @Bean
    MenuEntry myPersonalDataMenu() {
        return new MenuEntry("/me/privacy", "identity.privacy.title", List.of("CONSUMER"), 950);
    }
}
