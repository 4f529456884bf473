package org.fangxin.merchant;

import java.util.List;

/**
 * A public application to sell prepaid products: the business (with its licence date, registered capital and
 * prior-year revenue), its stores, where earned money is paid out, and the owner's login. Checked as a whole by
 * {@link Merchants#apply}; nothing is written unless all of it is valid. {@code business} null means "not declared"
 * (accepted from internal callers; the public API and the signup page always declare it, so its fields are required).
 */
public record MerchantApplication(String legalName, String creditCode, Sector sector, String regionCode,
                                  List<StoreApplication> stores, SettlementAccount settlementAccount,
                                  ComplianceFlags flags, String ownerUsername, String ownerPassword,
                                  String ownerDisplayName, String contactMobile, BusinessFacts business) {

    public MerchantApplication {
        stores = stores == null ? List.of() : List.copyOf(stores.stream().filter(java.util.Objects::nonNull).toList());
    }

    /** An application without business facts (kept for callers written before the facts existed). */
    public MerchantApplication(String legalName, String creditCode, Sector sector, String regionCode,
                               List<StoreApplication> stores, SettlementAccount settlementAccount, ComplianceFlags flags,
                               String ownerUsername, String ownerPassword, String ownerDisplayName, String contactMobile) {
        this(legalName, creditCode, sector, regionCode, stores, settlementAccount, flags, ownerUsername, ownerPassword,
                ownerDisplayName, contactMobile, null);
    }

    /** The same application declaring these business facts. */
    public MerchantApplication withBusiness(BusinessFacts facts) {
        return new MerchantApplication(legalName, creditCode, sector, regionCode, stores, settlementAccount, flags,
                ownerUsername, ownerPassword, ownerDisplayName, contactMobile, facts);
    }
}
