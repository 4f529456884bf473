package org.fangxin.bank.web;

import java.util.List;
import org.fangxin.identity.Role;
import org.fangxin.shared.Menu;
import org.fangxin.shared.MenuEntry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Home-page links to the bank pages, one list for the module. */
@Configuration(proxyBeanMethods = false)
class BankMenu {

    @Bean
    Menu bankLinks() {
        return Menu.of(
                new MenuEntry("/reconciliation", "bank.menu.reconciliation", List.of(Role.OPERATOR.name()), 40),
                new MenuEntry("/reconciliation/certificates", "bank.menu.certificates", List.of(Role.BANK.name()), 31),
                new MenuEntry("/bank/custodian-banks", "bank.menu.custodianBanks", List.of(Role.OPERATOR.name()), 62),
                new MenuEntry("/bank/portal", "bank.menu.portal", List.of(Role.BANK.name(), Role.OPERATOR.name()), 29),
                new MenuEntry("/bank/portal/mine", "bank.menu.myCustody",
                        List.of(Role.MERCHANT_OWNER.name(), Role.MERCHANT_STAFF.name()), 60),
                new MenuEntry("/bank/certificate-status", "bank.menu.certificateStatus",
                        List.of(Role.REGULATOR.name(), Role.OPERATOR.name()), 61));
    }

    /** The sandbox bank's instruction page exists only when the sandbox bank is on. */
    @Bean
    @ConditionalOnProperty(name = "fangxin.bank.sandbox.enabled", havingValue = "true")
    Menu sandboxBankMenu() {
        return Menu.of(new MenuEntry("/bank/instructions", "bank.menu.instructions", List.of(Role.BANK.name()), 30));
    }
}
