package org.fangxin.card;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** The holder transfers a card to the consumer registered with this mobile number. */
public record TransferCard(@NotBlank @Pattern(regexp = "1[0-9]{10}", message = "an 11-digit mobile number") String toMobile) { }
