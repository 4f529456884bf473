/**
 * Risk: external feeds (tax, social insurance, utilities, courts, credit lists, 12315) and signals from our own books
 * become one explainable score per merchant; tiers A–D with hysteresis drive the consequences (supervision ratio,
 * advance cap, deposit share, insurance premium tier, settlement cycle, sales block at D), the 放心商户 badge and
 * alerts to operators and regulators. Other modules see tiers through their own ports, which this module implements.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity", "merchant", "rules",
        "ledger", "catalog", "card", "refund", "protection", "insurance", "settlement", "notification", "complaint"})
package org.fangxin.risk;
