package org.fangxin.card;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/** One entry of a card's history (ISSUED, REDEEMED, RELEASED, DISPUTED, ..., TRANSFERRED_OUT, SURRENDERED). */
public record CardEventView(UUID id, UUID cardId, Instant occurredAt, String kind, String detail, Money amount,
                            Integer sessions, UUID referenceId) { }
