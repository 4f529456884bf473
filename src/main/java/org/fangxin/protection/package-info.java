/**
 * Protection: how consumers are protected when a merchant cannot deliver. Risk deposits sized by a rule per sector
 * against the merchant's advance exposure (less insured cover), held in the ledger, checked regularly, with top-up
 * requests and a sales block for under-covered merchants, and returned on a clean exit. Closure cases
 * (announced, marked or reported by consumers) freeze a merchant's sales and payouts until confirmed or cleared.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "identity", "merchant", "rules", "ledger", "insurance", "notification", "card", "settlement", "payment", "catalog"})
package org.fangxin.protection;
