package org.fangxin.bank.portal;

import org.fangxin.ledger.AccountType;

/** Which of a merchant's sub-accounts, and the ledger account that mirrors it. */
public enum SubAccountKind {
    ESCROW(AccountType.ESCROW),
    RISK_DEPOSIT(AccountType.RISK_DEPOSIT_HELD);

    private final AccountType ledgerAccount;

    SubAccountKind(AccountType ledgerAccount) {
        this.ledgerAccount = ledgerAccount;
    }

    public AccountType ledgerAccount() {
        return ledgerAccount;
    }
}
