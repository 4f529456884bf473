package org.fangxin.catalog;

/**
 * What a consumer choosing a product sees of its merchant's risk rating: the tier (A best to D) and whether it holds
 * the 放心商户 (trusted merchant) badge. Supplied by {@link MerchantStandings}; absent for a merchant not rated.
 */
public record MerchantStanding(String tier, boolean trusted) { }
