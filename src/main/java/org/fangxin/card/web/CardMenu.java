package org.fangxin.card.web;

import java.util.List;
import org.fangxin.shared.MenuEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Home-page links to the card pages. */
@Configuration(proxyBeanMethods = false)
class CardMenu {

    @Bean
    MenuEntry cardMine() {
        return new MenuEntry("/cards", "card.menu.mine", List.of("CONSUMER"), 10);
    }

    @Bean
    MenuEntry cardBrowse() {
        return new MenuEntry("/", "card.menu.browse", List.of("CONSUMER"), 11);
    }

    @Bean
    MenuEntry cardRedeem() {
        return new MenuEntry("/cards/redeem", "card.menu.redeem", List.of("MERCHANT_OWNER", "MERCHANT_STAFF"), 20);
    }

    @Bean
    MenuEntry cardPurchases() {
        return new MenuEntry("/cards/purchases", "card.menu.purchases", List.of("OPERATOR"), 40);
    }
}
