/**
 * Merchants: applications, approval by the platform, stores and their leases, the settlement account, compliance
 * flags and the status history. A flagged or inactive merchant may not sell prepaid products.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity", "notification"})
package org.fangxin.merchant;
