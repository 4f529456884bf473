package org.fangxin.merchant.domain;

import static org.fangxin.merchant.MerchantStatus.ACTIVE;
import static org.fangxin.merchant.MerchantStatus.CLOSED;
import static org.fangxin.merchant.MerchantStatus.CLOSING;
import static org.fangxin.merchant.MerchantStatus.PENDING;
import static org.fangxin.merchant.MerchantStatus.REJECTED;
import static org.fangxin.merchant.MerchantStatus.SUSPENDED;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.fangxin.merchant.MerchantStatus;

/**
 * The merchant status machine: each operator action, the statuses it may start from and where it leads. REJECTED and
 * CLOSED are final; a merchant may be closed straight from ACTIVE or SUSPENDED because one that absconds gives no
 * notice. Every action but approval needs a reason, which goes into the status history.
 */
public enum StatusTransition {
    APPROVE(EnumSet.of(PENDING), ACTIVE, false),
    REJECT(EnumSet.of(PENDING), REJECTED, true),
    SUSPEND(EnumSet.of(ACTIVE), SUSPENDED, true),
    REINSTATE(EnumSet.of(SUSPENDED), ACTIVE, true),
    MARK_CLOSING(EnumSet.of(ACTIVE, SUSPENDED), CLOSING, true),
    CLOSE(EnumSet.of(ACTIVE, SUSPENDED, CLOSING), CLOSED, true);

    public static final int REASON_LENGTH_MAX = 500;

    private final Set<MerchantStatus> sources;
    private final MerchantStatus target;
    private final boolean reasonRequired;

    StatusTransition(Set<MerchantStatus> sources, MerchantStatus target, boolean reasonRequired) {
        this.sources = sources;
        this.target = target;
        this.reasonRequired = reasonRequired;
    }

    public boolean allowedFrom(MerchantStatus current) {
        return sources.contains(current);
    }

    public MerchantStatus target() {
        return target;
    }

    public boolean reasonRequired() {
        return reasonRequired;
    }

    /** The actions an operator may take on a merchant in this status, in declaration order. */
    public static List<StatusTransition> availableFrom(MerchantStatus current) {
        return Arrays.stream(values()).filter(transition -> transition.allowedFrom(current)).toList();
    }

    /** Whether a merchant in this status can never change again. */
    public static boolean isFinal(MerchantStatus status) {
        return availableFrom(status).isEmpty();
    }
}
