package org.fangxin.merchant;

import java.time.Instant;
import java.util.UUID;

/** An operator approved a merchant's new settlement account: payouts go there from now on. */
public record MerchantSettlementAccountChanged(UUID merchantId, UUID changeId, Instant occurredAt) { }
