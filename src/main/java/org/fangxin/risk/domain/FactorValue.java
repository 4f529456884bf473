package org.fangxin.risk.domain;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One factor's measured value with where it came from and as of which day; {@code value} null means no data (the
 * factor costs nothing and says so), e.g. no tax feed for this merchant.
 */
public record FactorValue(Factor factor, Long value, LocalDate asOf, String source) {

    public FactorValue {
        Objects.requireNonNull(factor, "factor");
        source = source == null ? "" : source;
    }

    public static FactorValue noData(Factor factor, String source) {
        return new FactorValue(factor, null, null, source);
    }

    public boolean hasData() {
        return value != null;
    }
}
