package org.fangxin.storefront;

import org.fangxin.catalog.ProductView;

/** A product as the consumer's home shows it: the product, its merchant's name and the protection badges. */
public record ProductCardView(ProductView product, String merchantName, MerchantProtectionView protection) { }
