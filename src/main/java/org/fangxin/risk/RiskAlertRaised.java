package org.fangxin.risk;

import java.time.Instant;
import java.util.UUID;

/** An alert was raised about a merchant; operators and the covering regulators are notified after commit. */
public record RiskAlertRaised(UUID alertId, UUID merchantId, AlertKind kind, String regionCode, String sector,
                              Instant raisedAt) { }
