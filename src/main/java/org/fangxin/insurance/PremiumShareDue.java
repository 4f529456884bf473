package org.fangxin.insurance;

import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;
import org.fangxin.shared.Money;

/** A merchant's share of a premium bill could not be taken from its payable: the merchant owes {@code share}. */
public record PremiumShareDue(UUID billId, UUID policyId, String policyNumber, UUID merchantId, YearMonth period,
                              Money share, Instant occurredAt) { }
