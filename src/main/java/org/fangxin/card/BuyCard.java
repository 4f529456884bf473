package org.fangxin.card;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** A consumer buys a product at one of its stores, accepting the contract version shown to them. */
public record BuyCard(@NotNull UUID productId, @NotNull UUID storeId, @NotNull UUID contractVersionId,
                      @NotNull Boolean acceptContract) { }
