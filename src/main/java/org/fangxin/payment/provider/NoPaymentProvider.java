package org.fangxin.payment.provider;

import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Stands in when no payment provider is connected (the sandbox is off and no real adapter exists yet): every call is
 * {@link ProviderUnavailable}, so a purchase answers {@code 424 payment-provider-unavailable} and writes nothing,
 * instead of the service silently taking payments through a simulator.
 */
@Component
@ConditionalOnProperty(name = "fangxin.payment.sandbox.enabled", havingValue = "false", matchIfMissing = true)
class NoPaymentProvider implements PaymentProvider {

    private static final String WHY = "no payment provider is connected (the sandbox is off: fangxin.payment.sandbox.enabled=false)";

    @Override
    public String name() {
        return "none";
    }

    @Override
    public ProviderOrder createOrder(OrderRequest request) {
        throw new ProviderUnavailable(WHY);
    }

    @Override
    public OrderState queryOrder(UUID merchantOrderNo) {
        throw new ProviderUnavailable(WHY);
    }

    @Override
    public OrderState closeOrder(UUID merchantOrderNo) {
        throw new ProviderUnavailable(WHY);
    }

    @Override
    public RefundState refund(RefundRequest request) {
        throw new ProviderUnavailable(WHY);
    }

    @Override
    public RefundState queryRefund(UUID merchantOrderNo, String refundReference) {
        throw new ProviderUnavailable(WHY);
    }
}
