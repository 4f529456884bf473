package org.fangxin.ledger.web;

import java.util.List;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.ledger.AccountOwnerScope;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.OwnerKind;
import org.fangxin.ledger.TransferView;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Who may see and change the books: operators read and post adjustments, regulators read; every other role is
 * refused with 403 (the existence of the ledger is no secret, its content is). A regulator limited to a region or
 * sector reads only the accounts of merchants (and their cards) within it, one merchant at a time: another owner's
 * account, a platform or insurer account, or a transfer touching one outside its scope, is "not found".
 */
@Component
class LedgerAccess {

    private final ObjectProvider<AccountOwnerScope> scopes;
    private final Ledger ledger;

    LedgerAccess(ObjectProvider<AccountOwnerScope> scopes, Ledger ledger) {
        this.scopes = scopes;
        this.ledger = ledger;
    }

    static void requireReader(Actor actor) {
        if (!actor.is(Role.OPERATOR, Role.REGULATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators and regulators may read the ledger");
        }
    }

    static void requireOperator(Actor actor) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators may post to the ledger");
        }
    }

    /** A scoped regulator lists one owner's accounts at a time (the books of all merchants are not its to browse). */
    void requireOwnerGivenWhenScoped(Actor actor, java.util.UUID ownerId) {
        if (actor.scoped() && ownerId == null) {
            throw Rejection.invalid("ownerId", "a regulator of a region or sector reads the accounts of one merchant: give ownerId");
        }
    }

    AccountView requireVisible(Actor actor, AccountView account) {
        if (actor.scoped() && !within(actor, account)) {
            throw Rejection.notFound("account " + account.id().value());
        }
        return account;
    }

    /** Visible to a scoped regulator when its owned lines are all within scope and at least one is. */
    TransferView requireVisible(Actor actor, TransferView transfer) {
        if (!actor.scoped()) {
            return transfer;
        }
        List<AccountView> owned = transfer.entries().stream().map(entry -> ledger.account(entry.accountId()))
                .filter(account -> account.type().ownerKind() != OwnerKind.PLATFORM).toList();
        if (owned.isEmpty() || !owned.stream().allMatch(account -> within(actor, account))) {
            throw Rejection.notFound("transfer " + transfer.id().value());
        }
        return transfer;
    }

    private boolean within(Actor actor, AccountView account) {
        OwnerKind kind = account.type().ownerKind();
        if (kind == OwnerKind.PLATFORM || account.ownerId() == null) {
            return false;
        }
        return scopes.orderedStream()
                .map(scope -> scope.within(kind, account.ownerId(), actor.regionCode(), actor.sector()))
                .flatMap(java.util.Optional::stream).findFirst().orElse(false);
    }
}
