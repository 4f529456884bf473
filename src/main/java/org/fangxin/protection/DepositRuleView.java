package org.fangxin.protection;

import java.time.Instant;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;

/** The deposit rule of a sector: required = max(floor, share × exposure − insured cover). */
public record DepositRuleView(Sector sector, Money floor, int shareBps, Instant updatedAt, String updatedBy) { }
