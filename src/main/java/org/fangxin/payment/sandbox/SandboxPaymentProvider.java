package org.fangxin.payment.sandbox;

import java.util.List;
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
    private final SandboxBatchRefunds batchRefunds;

    SandboxPaymentProvider(SandboxGateway gateway, SandboxBatchRefunds batchRefunds) {
        this.gateway = gateway;
        this.batchRefunds = batchRefunds;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProviderOrder createOrder(OrderRequest request) {
        gateway.awaitCreateRelease(request.description());
        SandboxGateway.CreateFault fault = gateway.takeCreateFault(request.description());
        if (fault == SandboxGateway.CreateFault.FAIL) {
            throw new ProviderUnavailable("sandbox: create call failed before reaching the gateway (injected)");
        }
        ProviderOrder created = gateway.create(request);
        if (fault == SandboxGateway.CreateFault.LOSE_ANSWER) {
            throw new ProviderUnavailable("sandbox: create answer lost on the way back (injected)");
        }
        return created;
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

    /** The batch refund API; while a test injects refund faults, the batch is refused so each refund goes singly. */
    @Override
    public List<RefundState> refundAll(List<RefundRequest> requests) {
        if (gateway.refundFaultsPending()) {
            throw new ProviderUnavailable("sandbox: batch refund refused while refund faults are injected");
        }
        return requests.isEmpty() ? List.of() : batchRefunds.refundAll(requests);
    }

    @Override
    public RefundState queryRefund(UUID merchantOrderNo, String refundReference) {
        return gateway.queryRefund(merchantOrderNo, refundReference);
    }
}
