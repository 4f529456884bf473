package org.fangxin.insurance;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fangxin.shared.Money;

/** A product to define; {@code insurerId} is needed only when an operator defines it for an insurer. */
public record NewProduct(UUID insurerId, @NotBlank @Size(min = 2, max = 100) String name,
                         @NotEmpty Set<@NotNull ClosureTrigger> triggers,
                         @NotEmpty @Size(max = 18) List<@Valid @NotNull ProductRate> rates,
                         @NotNull Money aggregateLimit, @NotNull Money perMerchantLimit, @NotNull Money perConsumerLimit) { }
