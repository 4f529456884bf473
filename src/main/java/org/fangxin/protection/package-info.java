/**
 * Protection: how consumers are protected when a merchant cannot deliver. Risk deposits sized by a rule per sector
 * against the merchant's advance exposure (less insured cover, asked through {@link org.fangxin.protection.InsuredCover}),
 * held in the ledger, checked regularly, with top-up requests and a sales block for under-covered merchants, and
 * returned on a clean exit. Closure cases (announced, marked, reported by consumers or suspected automatically) freeze
 * a merchant's sales until confirmed or cleared; a public notice, the guarantee fund, subrogation recovery and the
 * closures dashboard. Compensating the consumers of a confirmed closure is the compensation module's.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "identity", "merchant", "ledger", "card", "notification"})
package org.fangxin.protection;
