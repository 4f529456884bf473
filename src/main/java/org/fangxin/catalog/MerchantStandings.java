package org.fangxin.catalog;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * The merchants' standings for the public catalog, supplied by the module that rates merchants (risk implements it as
 * a bean, so the catalog does not depend on it). Merchants not rated are absent from the answer.
 */
public interface MerchantStandings {

    Map<UUID, MerchantStanding> of(Collection<UUID> merchantIds);
}
