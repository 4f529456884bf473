package org.fangxin.complaint.web;

import java.util.List;
import org.fangxin.identity.Role;
import org.fangxin.shared.Menu;
import org.fangxin.shared.MenuEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Home-page links to the complaint pages, one list for the module. */
@Configuration(proxyBeanMethods = false)
class ComplaintMenu {

    @Bean
    Menu complaintLinks() {
        return Menu.of(
                new MenuEntry("/complaints", "complaint.menu.mine", List.of(Role.CONSUMER.name()), 42),
                new MenuEntry("/complaints", "complaint.menu.merchant",
                        List.of(Role.MERCHANT_OWNER.name(), Role.MERCHANT_STAFF.name()), 46),
                new MenuEntry("/complaints", "complaint.menu.handler",
                        List.of(Role.OPERATOR.name(), Role.ASSOCIATION.name(), Role.REGULATOR.name()), 76),
                new MenuEntry("/complaints/sla", "complaint.menu.sla",
                        List.of(Role.OPERATOR.name(), Role.ASSOCIATION.name(), Role.REGULATOR.name()), 77),
                new MenuEntry("/complaints/admin", "complaint.menu.admin", List.of(Role.OPERATOR.name()), 78));
    }
}
