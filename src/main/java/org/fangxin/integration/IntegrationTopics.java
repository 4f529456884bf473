package org.fangxin.integration;

/**
 * Topics per audience. A fact goes to the topic of the institution that acts on it; regulators are granted all three
 * (the broker's ACLs, see docs/events.md). The major version is part of the name: an incompatible schema change
 * starts a new topic while the old one is still served.
 */
public final class IntegrationTopics {

    /** Escrow movements: purchases paid, redemptions and releases, refunds, payouts returned. */
    public static final String BANK = "fangxin.bank.v1";
    /** Closure cases, compensation, claims and failed mediations (the Kaifeng insurer pays the consumer). */
    public static final String INSURER = "fangxin.insurer.v1";
    /** Complaints and risk alerts and tiers. */
    public static final String REGULATOR = "fangxin.regulator.v1";

    private IntegrationTopics() {
    }
}
