package org.fangxin.rules;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** An operator's new version of a rule row; {@code effectiveFrom} defaults to today and may not lie in the past. */
public record RuleChange(@NotNull @Valid RuleValues values, @NotBlank @Size(max = 500) String source, LocalDate effectiveFrom) { }
