/**
 * Bank: the platform's port to the custodian bank for payouts ({@link org.fangxin.bank.BankPort}) and its one adapter
 * for now, a sandbox custodian bank with its own tables (the bank's side) that accepts instructions idempotently by
 * end-to-end id and later confirms or returns them. ISO 20022 files, statements and reconciliation come later.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity", "ledger"})
package org.fangxin.bank;
