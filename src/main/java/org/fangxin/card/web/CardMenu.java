package org.fangxin.card.web;

import java.util.List;
import org.fangxin.shared.Menu;
import org.fangxin.shared.MenuEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Home-page links to the card pages, one list for the module. */
@Configuration(proxyBeanMethods = false)
class CardMenu {

    @Bean
    Menu cardLinks() {
        return Menu.of(
                new MenuEntry("/cards", "card.menu.mine", List.of("CONSUMER"), 10),
                new MenuEntry("/", "card.menu.browse", List.of("CONSUMER"), 11),
                new MenuEntry("/cards/redeem", "card.menu.redeem", List.of("MERCHANT_OWNER", "MERCHANT_STAFF"), 20),
                new MenuEntry("/cards/purchases", "card.menu.purchases", List.of("OPERATOR"), 40));
    }
}
