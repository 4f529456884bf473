package org.fangxin.card;

import java.time.LocalDate;
import java.util.UUID;

/** A merchant's prepaid sales (cards issued) and redemptions (not reversed) on one day of its zone; amounts in fen. */
public record MerchantDayActivity(UUID merchantId, LocalDate day, long salesCount, long salesMinor, long redemptions,
                                  long redemptionMinor) { }
