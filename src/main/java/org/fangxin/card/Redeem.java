package org.fangxin.card;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * Staff redeem a card at a store with the code the consumer shows: the 6-digit short code or the signed QR token.
 * {@code sessions} for a session pack, {@code amount} (of face value) for a stored-value card.
 */
public record Redeem(@NotBlank @Size(max = 200) String code, @NotNull UUID storeId, @Positive Integer sessions, Money amount) { }
