package org.fangxin.settlement.web;

import java.util.List;
import org.fangxin.identity.Role;
import org.fangxin.settlement.DualControl;
import org.fangxin.shared.Menu;
import org.fangxin.shared.MenuEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Home-page links to the settlement pages, one list for the module. */
@Configuration(proxyBeanMethods = false)
class SettlementMenu {

    @Bean
    Menu settlementLinks(DualControl dualControl) {
        // Under dual control the custodian bank approves payouts too, so it gets the approvals page.
        List<String> approvers = dualControl.bankApprovalRequired()
                ? List.of(Role.OPERATOR.name(), Role.BANK.name()) : List.of(Role.OPERATOR.name());
        return Menu.of(
                new MenuEntry("/settlement/approvals", "settlement.menu.approvals", approvers, 41),
                new MenuEntry("/settlement", "settlement.menu.runs", List.of(Role.OPERATOR.name()), 40),
                new MenuEntry("/settlement/mine", "settlement.menu.mine",
                        List.of(Role.MERCHANT_OWNER.name(), Role.MERCHANT_STAFF.name()), 40));
    }
}
