/**
 * Bank: the platform's port to each custodian bank for payouts ({@link org.fangxin.bank.BankPort}, one adapter per bank
 * through {@link org.fangxin.bank.BankAdapters}) and, for now, a sandbox custodian bank running one instance per
 * registered bank with its own tables (the bank's side) that accepts instructions idempotently by end-to-end id and
 * later confirms or returns them; bank file formats; and daily reconciliation of statements with
 * the ledger's escrow accounts (sub-account numbers, runs, breaks with maker-checker approval, daily certificates).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity", "ledger", "merchant"})
package org.fangxin.bank;
