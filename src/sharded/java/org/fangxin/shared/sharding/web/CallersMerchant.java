package org.fangxin.shared.sharding.web;

import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;

/** The merchant a logged-in caller works for (merchant staff), if any: identity's answer, asked by the routing filter. */
@FunctionalInterface
public interface CallersMerchant {

    Optional<UUID> of(Authentication authentication);
}
