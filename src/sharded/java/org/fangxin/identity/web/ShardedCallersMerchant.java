package org.fangxin.identity.web;

import java.util.Optional;
import java.util.UUID;
import org.fangxin.shared.sharding.web.CallersMerchant;
import org.springframework.context.annotation.Profile;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Sharded profile: merchant staff's requests run on their merchant's shard (the principal names the merchant). */
@Component
@Profile("sharded")
class ShardedCallersMerchant implements CallersMerchant {

    @Override
    public Optional<UUID> of(Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof FangxinPrincipal principal) {
            return Optional.ofNullable(principal.actor().merchantId());
        }
        return Optional.empty();
    }
}
