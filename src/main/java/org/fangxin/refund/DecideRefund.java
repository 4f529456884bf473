package org.fangxin.refund;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An operator's decision on a disputed refund: uphold it (pay) or reject it, always with a reason. */
public record DecideRefund(@NotNull Boolean uphold, @NotBlank @Size(max = 1000) String reason) { }
