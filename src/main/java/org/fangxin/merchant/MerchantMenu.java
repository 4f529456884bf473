package org.fangxin.merchant;

import java.util.List;
import org.fangxin.shared.Menu;
import org.fangxin.shared.MenuEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The merchant pages on the home page, per role. */
@Configuration(proxyBeanMethods = false)
class MerchantMenu {

    @Bean
    Menu merchantLinks() {
        return Menu.of(
                new MenuEntry("/merchants/queue", "merchant.menu.queue", List.of("OPERATOR"), 20),
                new MenuEntry("/merchants", "merchant.menu.list",
                        List.of("OPERATOR", "REGULATOR", "ASSOCIATION", "BANK", "INSURER"), 21),
                new MenuEntry("/merchants/mine/settlement-account", "merchant.menu.settlementAccount",
                        List.of("MERCHANT_OWNER"), 11),
                new MenuEntry("/settlement-account-changes", "merchant.menu.settlementAccountChanges",
                        List.of("OPERATOR"), 22),
                new MenuEntry("/merchants/mine", "merchant.menu.mine",
                        List.of("MERCHANT_OWNER", "MERCHANT_STAFF"), 10, true));
    }

    /**
     * The people of a merchant whose application is PENDING or REJECTED see only the entries meant for applicants
     * (their application, notices): the other merchant pages need an approved merchant and would answer 404.
     */
    @Bean
    MenuEntry.Filter applicantMenu(Merchants merchants) {
        return (entry, role, merchantId) -> entry.forApplicants() || merchantId == null
                || !(role.equals("MERCHANT_OWNER") || role.equals("MERCHANT_STAFF"))
                || merchants.find(merchantId).map(m -> m.status() != MerchantStatus.PENDING
                        && m.status() != MerchantStatus.REJECTED).orElse(true);
    }
}
