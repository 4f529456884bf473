package org.fangxin.insurance;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A policy to issue: the product, the scope (MERCHANT: one id in {@code merchantIds}; GROUP: 1..500 ids; REGION: a
 * 6-digit region code), the policyholder's name, the period (inclusive dates) and the cost sharing.
 */
public record NewPolicy(@NotNull UUID productId, @NotNull PolicyScope scope, @Size(max = 500) List<UUID> merchantIds,
                        String regionCode, @NotBlank @Size(min = 2, max = 100) String policyholder,
                        @NotNull LocalDate startsOn, @NotNull LocalDate endsOn, @NotNull CostSharing costSharing) { }
