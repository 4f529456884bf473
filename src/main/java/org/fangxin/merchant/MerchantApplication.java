package org.fangxin.merchant;

import java.util.List;

/**
 * A public application to sell prepaid products: the business, its stores, where earned money is paid out, and the
 * owner's login. Checked as a whole by {@link Merchants#apply}; nothing is written unless all of it is valid.
 */
public record MerchantApplication(String legalName, String creditCode, Sector sector, String regionCode,
                                  List<StoreApplication> stores, SettlementAccount settlementAccount,
                                  ComplianceFlags flags, String ownerUsername, String ownerPassword,
                                  String ownerDisplayName, String contactMobile) {

    public MerchantApplication {
        stores = stores == null ? List.of() : List.copyOf(stores.stream().filter(java.util.Objects::nonNull).toList());
    }
}
