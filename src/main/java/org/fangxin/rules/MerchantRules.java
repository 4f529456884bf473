package org.fangxin.rules;

/**
 * The rules in force today for one merchant's products sold to one audience, and the supervision ratio purchases of
 * them keep ({@link Rules#supervisionRatio}): both from one read of the rule table.
 */
public record MerchantRules(RuleSet rules, SupervisionRatio supervisionRatio) { }
