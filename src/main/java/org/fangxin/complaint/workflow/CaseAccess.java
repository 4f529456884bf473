package org.fangxin.complaint.workflow;

import java.util.Optional;
import org.fangxin.complaint.domain.Party;
import org.fangxin.complaint.persistence.CaseRepository;
import org.fangxin.complaint.persistence.CaseRow;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Component;

/**
 * Who sees a case and as which party: the consumer (their own, or one imported from 12315 for their mobile), the
 * merchant's owner and staff (their merchant's), operators (cases that reached platform mediation or came from 12315),
 * the consumer association (cases that reached it), regulators (cases of their sector; all sectors for market
 * supervision). Anyone else gets "not found"; banks and insurers see no complaints at all (insurers see the claims).
 */
@Component
public class CaseAccess {

    private final Users users;
    private final CaseRepository cases;

    CaseAccess(Users users, CaseRepository cases) {
        this.users = users;
        this.cases = cases;
    }

    /**
     * The actor's party for a step (the caller holds the case's lock); a consumer acting on a case imported from 12315
     * for their mobile becomes its consumer.
     */
    public Party act(Actor actor, CaseRow row) {
        Party party = require(actor, row);
        if (party == Party.CONSUMER && row.consumerId() == null) {
            cases.linkConsumer(row.id(), actor.userId());
        }
        return party;
    }

    public Optional<Party> partyOf(Actor actor, CaseRow row) {
        return switch (actor.role()) {
            case CONSUMER -> consumerOf(actor, row) ? Optional.of(Party.CONSUMER) : Optional.empty();
            case MERCHANT_OWNER, MERCHANT_STAFF -> actor.worksFor(row.merchantId()) ? Optional.of(Party.MERCHANT) : Optional.empty();
            case OPERATOR -> row.reachedPlatform() ? Optional.of(Party.PLATFORM) : Optional.empty();
            case ASSOCIATION -> row.reachedAssociation() && actor.withinScope(row.regionCode(), row.sector())
                    ? Optional.of(Party.ASSOCIATION) : Optional.empty();
            case REGULATOR -> actor.withinScope(row.regionCode(), row.sector())
                    ? Optional.of(Party.REGULATOR) : Optional.empty();
            default -> throw forbidden();
        };
    }

    /** The actor's party in the case, or "not found" (another tenant's case). */
    public Party require(Actor actor, CaseRow row) {
        return partyOf(actor, row).orElseThrow(() -> Rejection.notFound("complaint " + row.id()));
    }

    /** The consumer's mobile, to find cases imported from 12315 before they had an account. */
    public String mobileOf(Actor actor) {
        return users.find(actor.userId()).map(UserAccount::mobile).orElse(null);
    }

    private boolean consumerOf(Actor actor, CaseRow row) {
        if (row.consumerId() != null) {
            return row.consumerId().equals(actor.userId());
        }
        String mobile = mobileOf(actor);
        return mobile != null && mobile.equals(row.consumerMobile());
    }

    /** The LIKE pattern of the actor's region scope ({@code 4102%} for Kaifeng), null when nationwide. */
    public static String regionPattern(Actor actor) {
        return actor.regionCode() == null ? null : org.fangxin.shared.RegionCode.prefix(actor.regionCode()) + "%";
    }

    public static Rejection forbidden() {
        return new Rejection(ProblemType.FORBIDDEN, "complaints are for consumers, merchants, the platform, the consumer "
                + "association and regulators");
    }
}
