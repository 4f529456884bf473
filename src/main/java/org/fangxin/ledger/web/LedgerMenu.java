package org.fangxin.ledger.web;

import java.util.List;
import org.fangxin.identity.Role;
import org.fangxin.shared.Menu;
import org.fangxin.shared.MenuEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Home-page links to the ledger pages, one list for the module. */
@Configuration(proxyBeanMethods = false)
class LedgerMenu {

    @Bean
    Menu ledgerLinks() {
        return Menu.of(
                new MenuEntry("/ledger", "ledger.menu", List.of(Role.OPERATOR.name(), Role.REGULATOR.name()), 80));
    }
}
