package org.fangxin.ledger.web;

import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;

/**
 * Who may see and change the books: operators read and post adjustments, regulators read; every other role is
 * refused with 403 (the existence of the ledger is no secret, its content is).
 */
final class LedgerAccess {

    private LedgerAccess() {
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
}
