package org.fangxin.storefront.web;

import java.util.List;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.storefront.CardProtectionView;
import org.fangxin.storefront.MerchantProtectionView;
import org.fangxin.storefront.ProductCardView;
import org.fangxin.storefront.Storefront;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** What the storefront pages show, for apps: product cards, a merchant's protection, a card's cover. */
@RestController
class StorefrontApiController {

    private final Storefront storefront;

    StorefrontApiController(Storefront storefront) {
        this.storefront = storefront;
    }

    @GetMapping("/api/v1/public/storefront/products")
    List<ProductCardView> products() {
        return storefront.home();
    }

    @GetMapping("/api/v1/public/merchants/{id}/protection")
    MerchantProtectionView protection(@PathVariable UUID id) {
        return storefront.protection(id);
    }

    @GetMapping("/api/v1/cards/{id}/protection")
    CardProtectionView cardProtection(Actor actor, @PathVariable UUID id) {
        return storefront.cardProtection(actor, id);
    }
}
