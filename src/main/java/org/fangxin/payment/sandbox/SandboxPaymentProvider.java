package org.fangxin.payment.sandbox;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import java.util.UUID;
import org.fangxin.payment.provider.PaymentProvider;
import org.springframework.stereotype.Component;

/**
 * The adapter from the platform to the sandbox gateway. A real adapter would call the provider's HTTPS API; this one
 * calls the gateway in-process (its own transactions), and injects the network faults the test hooks ask for.
 */
@ConditionalOnProperty(name = "fangxin.payment.sandbox.enabled", havingValue = "true")
@Component
class SandboxPaymentProvider implements PaymentProvider {

    static final String NAME = "sandbox";

    private final SandboxGateway gateway;

    SandboxPaymentProvider(SandboxGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProviderOrder createOrder(OrderRequest request) {
        return gateway.create(request);
    }

    @Override
    public OrderState queryOrder(UUID merchantOrderNo) {
        return gateway.query(merchantOrderNo);
    }

    @Override
    public OrderState closeOrder(UUID merchantOrderNo) {
        if (gateway.providerOrderIdOf(merchantOrderNo).map(gateway::takeCloseCallFailure).orElse(false)) {
            throw new ProviderUnavailable("sandbox: close call timed out (injected)");
        }
        return gateway.close(merchantOrderNo);
    }

    @Override
    public RefundState refund(RefundRequest request) {
        String providerOrderId = gateway.providerOrderIdOf(request.merchantOrderNo()).orElse(null);
        if (gateway.takeRefundCallFailure(providerOrderId)) {
            throw new ProviderUnavailable("sandbox: refund call failed before reaching the gateway (injected)");
        }
        RefundState state = gateway.refund(request);
        if (gateway.takeRefundAnswerLoss(providerOrderId)) {
            throw new ProviderUnavailable("sandbox: refund answer lost on the way back (injected)");
        }
        return state;
    }

    @Override
    public RefundState queryRefund(UUID merchantOrderNo, String refundReference) {
        return gateway.queryRefund(merchantOrderNo, refundReference);
    }
}
