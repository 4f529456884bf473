package org.fangxin.card;

import java.util.UUID;
import org.fangxin.identity.Actor;

/** Checks the escrow identity (see {@link EscrowIdentityReport}) for all cards and merchants, or for one merchant. */
public interface EscrowChecks {

    /** OPERATOR or a nationwide REGULATOR (no region or sector): all cards and all merchants that have cards. */
    EscrowIdentityReport check(Actor actor);

    /** For other modules and tests (no access check): one merchant and its cards. */
    EscrowIdentityReport checkMerchant(UUID merchantId);

    /** For other modules and tests (no access check): everything. */
    EscrowIdentityReport checkAll();

}
