package org.fangxin.catalog;

import java.util.List;
import org.fangxin.rules.SupervisionRatio;
import org.fangxin.rules.Violation;

/** An order's rule breaches (empty: it may go ahead) and the supervision ratio it keeps (null when it may not). */
public record OrderCheck(List<Violation> violations, SupervisionRatio supervisionRatio) {

    public OrderCheck {
        violations = List.copyOf(violations);
    }
}
