package org.fangxin.insurance;

import java.util.List;
import java.util.UUID;
import org.fangxin.protection.InsuredCover;
import org.fangxin.shared.Money;
import org.springframework.stereotype.Component;

/** The insured cover protection deducts from a merchant's required deposit, and the policies it shows the merchant. */
@Component
class PolicyCover implements InsuredCover {

    private final Policies policies;

    PolicyCover(Policies policies) {
        this.policies = policies;
    }

    @Override
    public Money insuredCover(UUID merchantId) {
        return policies.insuredCover(merchantId);
    }

    @Override
    public List<CoveringPolicy> covering(UUID merchantId) {
        return policies.covering(merchantId).stream().map(p -> new CoveringPolicy(p.policyNumber(), p.insurerName(),
                p.productName(), p.startsOn(), p.endsOn())).toList();
    }
}
