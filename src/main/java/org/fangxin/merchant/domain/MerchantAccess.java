package org.fangxin.merchant.domain;

import java.util.EnumSet;
import java.util.Set;
import org.fangxin.identity.Actor;
import org.fangxin.merchant.MerchantStatus;
import org.fangxin.merchant.Sector;

/**
 * Who may read a merchant. The operator sees every merchant; a regulator or consumer association those within its
 * scope (its region with everything below it, and a sector regulator only its sector; unscoped: all); owner and staff
 * only their own merchant (another is "not found"). The custodian bank
 * and insurers see basic information (the view, not the history) of merchants the platform accepted, because they
 * open escrow sub-accounts and write policies for them, but not applications in waiting or rejected. Consumers read
 * merchants through the catalog's public pages, never through this API.
 */
public final class MerchantAccess {

    /** How much of a merchant the actor may read. */
    public enum Level { FULL, BASIC, HIDDEN, FORBIDDEN }

    /** The statuses a bank or insurer may see. */
    public static final Set<MerchantStatus> ACCEPTED =
            EnumSet.of(MerchantStatus.ACTIVE, MerchantStatus.SUSPENDED, MerchantStatus.CLOSING, MerchantStatus.CLOSED);

    private MerchantAccess() {
    }

    /** As {@link #read(Actor, java.util.UUID, String, Sector, MerchantStatus)} for a merchant of unknown region. */
    public static Level read(Actor actor, java.util.UUID merchantId, Sector sector, MerchantStatus status) {
        return read(actor, merchantId, null, sector, status);
    }

    public static Level read(Actor actor, java.util.UUID merchantId, String regionCode, Sector sector, MerchantStatus status) {
        return switch (actor.role()) {
            case OPERATOR -> Level.FULL;
            case MERCHANT_OWNER, MERCHANT_STAFF -> actor.worksFor(merchantId) ? Level.FULL : Level.HIDDEN;
            case REGULATOR, ASSOCIATION -> actor.withinScope(regionCode, sector.name()) ? Level.FULL : Level.HIDDEN;
            case BANK, INSURER -> ACCEPTED.contains(status) ? Level.BASIC : Level.HIDDEN;
            case CONSUMER, DATA_PROVIDER -> Level.FORBIDDEN;
        };
    }

    /** The sector a regulator is limited to, or null for all sectors (an unknown sector name matches none). */
    public static Sector regulatedSector(Actor actor) {
        if (actor.sector() == null) {
            return null;
        }
        for (Sector sector : Sector.values()) {
            if (sector.name().equals(actor.sector())) {
                return sector;
            }
        }
        throw new IllegalStateException("regulator " + actor.username() + " has an unknown sector " + actor.sector());
    }
}
