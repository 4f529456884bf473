package org.fangxin.refund;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** A consumer's request to refund one card, with why (CONSUMER_CHOICE unless the merchant is at fault). */
public record NewRefund(@NotNull UUID cardId, @NotNull RefundReason reason) { }
