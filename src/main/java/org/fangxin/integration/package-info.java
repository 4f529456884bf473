/**
 * Integration events: the facts that custodian banks, insurers and regulators consume from other systems, published
 * on Kafka through Spring Modulith's event externalization (issue 17, off by default). Each domain event of interest
 * becomes a versioned {@link org.fangxin.integration.IntegrationEvent} on its audience's topic
 * ({@link org.fangxin.integration.IntegrationTopics}), keyed by merchant. Delivery is at least once from the event
 * publication registry (the outbox); consumers deduplicate by {@code eventId}. No module depends on this one.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "payment", "card", "refund",
        "settlement", "protection", "compensation", "insurance", "complaint", "risk"})
package org.fangxin.integration;
