package org.fangxin.merchant;

import java.time.LocalDate;
import java.util.UUID;

/** A merchant's owner recorded a new lease end for a store; products sold there may not outlast it. */
public record MerchantStoreLeaseChanged(UUID merchantId, UUID storeId, LocalDate before, LocalDate after) { }
