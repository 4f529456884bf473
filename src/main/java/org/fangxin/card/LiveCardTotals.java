package org.fangxin.card;

import org.fangxin.shared.Money;

/** The live (ACTIVE or FROZEN) cards at a merchant: how many and their total unredeemed value. No personal data. */
public record LiveCardTotals(long count, Money unredeemed) { }
