package org.fangxin.complaint;

import org.fangxin.shared.Money;

/** A proposed agreement: the remedy, its amount (a refund or compensation; none to resume service) and the terms. */
public record ProposeAgreement(Remedy remedy, Money amount, String terms) { }
