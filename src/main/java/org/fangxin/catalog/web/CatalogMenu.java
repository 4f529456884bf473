package org.fangxin.catalog.web;

import java.util.List;
import org.fangxin.shared.MenuEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Home-page links to the catalog pages. */
@Configuration(proxyBeanMethods = false)
class CatalogMenu {

    @Bean
    MenuEntry catalogProducts() {
        return new MenuEntry("/catalog/products", "catalog.menu.products", List.of("MERCHANT_OWNER", "MERCHANT_STAFF"), 30);
    }

    @Bean
    MenuEntry catalogNewProduct() {
        return new MenuEntry("/catalog/products/new", "catalog.menu.new", List.of("MERCHANT_OWNER"), 31);
    }
}
