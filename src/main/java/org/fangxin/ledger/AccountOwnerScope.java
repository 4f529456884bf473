package org.fangxin.ledger;

import java.util.Optional;
import java.util.UUID;

/**
 * Whether an account's owner lies within a reader's region and sector (a regulator limited to a province, city or
 * district, or to one sector). The ledger knows no business module, so the module that knows what an owner is (a
 * merchant, a card) implements this as a Spring bean; an owner no bean knows is outside every limited scope.
 */
public interface AccountOwnerScope {

    /**
     * Empty when this bean does not know owners of this kind; otherwise whether the owner is within the region
     * ({@code regionCode}, GB/T 2260, with everything below it; null: nationwide) and sector (null: all sectors).
     */
    Optional<Boolean> within(OwnerKind kind, UUID ownerId, String regionCode, String sector);
}
