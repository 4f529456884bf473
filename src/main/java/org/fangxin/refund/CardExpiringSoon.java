package org.fangxin.refund;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.fangxin.shared.Money;

/** The holder of an active card is told, once, that it expires soon and its unused value will be refunded. */
public record CardExpiringSoon(UUID cardId, UUID holderUserId, UUID merchantId, LocalDate validUntil,
                               Money unredeemed, Instant occurredAt) { }
