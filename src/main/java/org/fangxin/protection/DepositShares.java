package org.fangxin.protection;

import java.util.Optional;
import java.util.UUID;

/**
 * A merchant's deposit share (basis points of its advance exposure) when another module sets one for it, e.g. the
 * risk module by tier (A lower, C and D higher); it replaces the sector rule's share, never the floor. Implemented by
 * that module as a bean, so protection does not depend on it; without one, the sector rule's share applies.
 */
public interface DepositShares {

    Optional<Integer> shareBpsFor(UUID merchantId);
}
