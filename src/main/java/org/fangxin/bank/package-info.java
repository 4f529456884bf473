/**
 * Bank: the platform's port to the custodian bank for payouts ({@link org.fangxin.bank.BankPort}) and its one adapter
 * for now, a sandbox custodian bank with its own tables (the bank's side) that accepts instructions idempotently by
 * end-to-end id and later confirms or returns them; bank file formats; and daily reconciliation of statements with
 * the ledger's escrow accounts (sub-account numbers, runs, breaks with maker-checker approval, daily certificates).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity", "ledger", "merchant"})
package org.fangxin.bank;
