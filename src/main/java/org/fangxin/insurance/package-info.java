/**
 * Insurance: insurer organisations and their members, closure-insurance products (triggers, rates by sector and risk
 * tier, limits), policies binding a product to a merchant, a group or a region with cost sharing among merchant,
 * platform and government, and monthly premium bills whose shares are booked in the ledger exactly once.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "identity", "merchant", "ledger", "notification"})
package org.fangxin.insurance;
