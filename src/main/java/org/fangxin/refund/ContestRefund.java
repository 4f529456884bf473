package org.fangxin.refund;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The merchant's objection to a refund request; an operator will decide. */
public record ContestRefund(@NotBlank @Size(max = 1000) String reason) { }
