package org.fangxin.catalog.web;

import java.util.List;
import org.fangxin.shared.Menu;
import org.fangxin.shared.MenuEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Home-page links to the catalog pages, one list for the module. */
@Configuration(proxyBeanMethods = false)
class CatalogMenu {

    @Bean
    Menu catalogLinks() {
        return Menu.of(
                new MenuEntry("/catalog/products", "catalog.menu.products",
                        List.of("MERCHANT_OWNER", "MERCHANT_STAFF"), 30),
                new MenuEntry("/catalog/products/new", "catalog.menu.new", List.of("MERCHANT_OWNER"), 31));
    }
}
