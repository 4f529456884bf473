package org.fangxin.protection.recovery;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/** A top-up of the platform guarantee fund from the platform's equity ({@code fund-top-up:<id>}). */
public record FundTopUpView(UUID id, Money amount, String reference, String recordedBy, Instant recordedAt, String postingKey) { }
