package org.fangxin.card;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.UUID;
import org.fangxin.shared.Money;

/** Staff ask the holder of a card to confirm a redemption in the app (安心付): sessions or an amount of face value. */
public record RequestRedemption(@NotNull UUID cardId, @NotNull UUID storeId, @Positive Integer sessions, Money amount) { }
