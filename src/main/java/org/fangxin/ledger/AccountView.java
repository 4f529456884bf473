package org.fangxin.ledger;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * An account with its current balance: {@code balance} is signed (debit positive), {@code normalBalance} is the same
 * amount seen from the account's normal side (positive when an asset holds money or a liability is owed).
 */
public record AccountView(AccountId id, AccountType type, UUID ownerId, Side normalSide, boolean nonNegative,
                          Money balance, Money normalBalance, Instant openedAt) {
}
