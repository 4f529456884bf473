package org.fangxin.oversight;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.RegionCode;
import org.fangxin.shared.Rejection;

/**
 * Where a caller is looking on the oversight pages: a region (with everything below it; {@link RegionView#COUNTRY} for
 * the whole country) and optionally a sector, checked against the caller's own scope. A regulator or association
 * limited to a region never looks above or beside it, a sector regulator never at another sector: either is "not
 * found", as another tenant's object is. Operators and nationwide regulators may look anywhere.
 */
public record OversightScope(String root, String region, String sector) {

    static final Set<String> SECTORS = Stream.of(org.fangxin.merchant.Sector.values()).map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());

    /** The scope a caller asks for; blank region or sector: its own (the country, all sectors when unlimited). */
    public static OversightScope of(Actor actor, String region, String sector) {
        if (!actor.is(Role.OPERATOR, Role.REGULATOR, Role.ASSOCIATION)) {
            throw new Rejection(ProblemType.FORBIDDEN, "oversight is for operators, regulators and the consumer association");
        }
        String root = actor.is(Role.OPERATOR) || actor.regionCode() == null ? RegionView.COUNTRY : actor.regionCode();
        String ownSector = actor.is(Role.REGULATOR) ? actor.sector() : null;
        String wantedRegion = region == null || region.isBlank() ? root : region.trim();
        String wantedSector = sector == null || sector.isBlank() ? ownSector : sector.trim();
        if (!RegionView.COUNTRY.equals(wantedRegion) && !RegionCode.isValid(wantedRegion)) {
            throw Rejection.invalid("region", "region must be a 6-digit GB/T 2260 code");
        }
        if (wantedSector != null && !SECTORS.contains(wantedSector)) {
            throw Rejection.invalid("sector", "sector must be one of " + new java.util.TreeSet<>(SECTORS));
        }
        boolean outside = !RegionView.COUNTRY.equals(root)
                && (RegionView.COUNTRY.equals(wantedRegion) || !RegionCode.within(wantedRegion, root));
        if (outside || ownSector != null && !ownSector.equals(wantedSector)) {
            throw Rejection.notFound("region " + wantedRegion + (wantedSector == null ? "" : " / " + wantedSector));
        }
        return new OversightScope(root, wantedRegion, wantedSector);
    }

    public boolean country() {
        return RegionView.COUNTRY.equals(region);
    }

    /** The LIKE pattern of the region's merchants ({@code 4102%}; {@code %} for the country). */
    public String regionPrefix() {
        return country() ? "%" : RegionCode.prefix(region) + "%";
    }

    /** Whether a merchant of this region and sector is in view. */
    public boolean covers(String merchantRegion, String merchantSector) {
        return (country() || RegionCode.within(merchantRegion, region)) && (sector == null || sector.equals(merchantSector));
    }

    /** The codes from the caller's root down to the region, most general first. */
    public List<String> path() {
        List<String> codes = new ArrayList<>();
        if (RegionView.COUNTRY.equals(root)) {
            codes.add(RegionView.COUNTRY);
        }
        if (!country()) {
            RegionCode.lineage(region).stream().filter(c -> RegionView.COUNTRY.equals(root) || RegionCode.within(c, root))
                    .forEach(codes::add);
        }
        return codes;
    }
}
