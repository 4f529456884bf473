package org.fangxin.merchant;

import java.util.Optional;
import java.util.UUID;
import org.fangxin.identity.Actor;

/**
 * The merchant module's facade. {@link #find} is for other modules (no access check); the other methods check the
 * actor's role and ownership, answering "not found" for another tenant's merchant.
 */
public interface Merchants {

    /** Module-internal lookup for other modules: no access check. */
    Optional<MerchantView> find(UUID merchantId);

    /** The merchant as the actor may see it; another tenant's merchant is "not found". */
    MerchantView view(Actor actor, UUID merchantId);
}
