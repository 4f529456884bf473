/**
 * Insurance: insurer organisations and their members, closure-insurance products (triggers, rates by sector and risk
 * tier, limits), policies binding a product to a merchant, a group or a region with cost sharing among merchant,
 * platform and government, monthly premium bills whose shares are booked in the ledger exactly once (then collected,
 * subsidised and remitted), and claims: the platform recovers from the insurer what its guarantee fund paid consumers
 * after a closure, within the policy's limits, as the insurer decides line by line (filed when the closure's
 * compensation completes). It tells protection the insured cover of a merchant ({@code protection.InsuredCover}).
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "identity", "merchant", "ledger", "notification", "card", "protection", "compensation"})
package org.fangxin.insurance;
