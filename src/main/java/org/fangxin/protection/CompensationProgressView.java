package org.fangxin.protection;

import org.fangxin.shared.Money;

/** Public progress of a closure's compensation: counts and amounts only, never personal data. */
public record CompensationProgressView(boolean started, long consumers, long compensated, Money amountPaid,
                                       Money amountOwed) { }
