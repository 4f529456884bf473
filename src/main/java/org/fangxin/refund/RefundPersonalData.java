package org.fangxin.refund;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.fangxin.identity.Actor;
import org.fangxin.identity.PersonalDataSection;
import org.springframework.stereotype.Component;

/** The consumer's refunds in their data download; a refund still owed keeps the account from being closed. */
@Component
class RefundPersonalData implements PersonalDataSection {

    /** Refunds whose money has not reached the consumer yet. */
    static final Set<RefundStatus> UNDER_WAY = EnumSet.of(RefundStatus.PENDING_MERCHANT, RefundStatus.DISPUTED,
            RefundStatus.APPROVED, RefundStatus.MANUAL_PAYOUT, RefundStatus.PAYMENT_FAILED);

    private final Refunds refunds;

    RefundPersonalData(Refunds refunds) {
        this.refunds = refunds;
    }

    @Override
    public String name() {
        return "refunds";
    }

    @Override
    public Object export(Actor consumer) {
        return refunds.list(consumer, Set.of(), Refunds.LIST_SIZE_MAX);
    }

    @Override
    public Optional<String> closureBlocker(Actor consumer) {
        return refunds.list(consumer, UNDER_WAY, 1).isEmpty() ? Optional.empty() : Optional.of("refund-under-way");
    }
}
