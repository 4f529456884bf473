/**
 * Ledger: the double-entry journal, the only code that writes money. Accounts from a fixed chart, balanced transfers
 * posted atomically under a unique posting key, append-only history corrected by reversals, balances kept under row
 * locks and an invariant check. A leaf: it knows no business module; identity is used only by its web layer.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity"})
package org.fangxin.ledger;
