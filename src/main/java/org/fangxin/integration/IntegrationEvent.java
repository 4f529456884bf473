package org.fangxin.integration;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What goes on the wire: an envelope with a stable schema around one published fact.
 *
 * @param eventId {@code <type>:<id of the fact>}, the same on every redelivery, so a consumer that keeps the ids it
 *                processed applies each fact once
 * @param type the fact's schema name, e.g. {@code card.redeemed} (docs/events.md lists them with their fields)
 * @param version the schema version of {@code data}; fields are only added within a version
 * @param merchantId the merchant the fact concerns; also the Kafka record key, so one merchant's facts stay in order
 * @param data the fact's fields: ids as strings, amounts as {@code {"amountMinor", "currency"}} in minor units (fen),
 *             dates ISO-8601, codes as documented
 */
public record IntegrationEvent(String eventId, String type, int version, Instant occurredAt, UUID merchantId,
                               Map<String, Object> data) { }
