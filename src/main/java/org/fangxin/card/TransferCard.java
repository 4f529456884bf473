package org.fangxin.card;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** The holder offers a card to whoever holds this mobile number; that consumer accepts the offer. */
public record TransferCard(@NotBlank @Pattern(regexp = "1[0-9]{10}", message = "an 11-digit mobile number") String toMobile) { }
