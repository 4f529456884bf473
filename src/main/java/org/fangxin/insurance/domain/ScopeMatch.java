package org.fangxin.insurance.domain;

import java.util.List;
import java.util.UUID;
import org.fangxin.insurance.PolicyScope;

/** Whether a policy's scope covers a merchant. */
public final class ScopeMatch {

    private ScopeMatch() {
    }

    public static boolean covers(PolicyScope scope, List<UUID> merchantIds, String policyRegion, UUID merchantId,
                                 String merchantRegion) {
        return switch (scope) {
            case MERCHANT, GROUP -> merchantIds.contains(merchantId);
            case REGION -> regionCovers(policyRegion, merchantRegion);
        };
    }

    /**
     * A region code covers itself and the regions inside it (GB/T 2260): {@code 410000} a province covers
     * {@code 41xxxx}, {@code 410200} a city covers {@code 4102xx}, a district only itself.
     */
    public static boolean regionCovers(String policyRegion, String merchantRegion) {
        if (policyRegion == null || merchantRegion == null || policyRegion.length() != 6 || merchantRegion.length() != 6) {
            return false;
        }
        String prefix = policyRegion.endsWith("0000") ? policyRegion.substring(0, 2)
                : policyRegion.endsWith("00") ? policyRegion.substring(0, 4) : policyRegion;
        return merchantRegion.startsWith(prefix);
    }
}
