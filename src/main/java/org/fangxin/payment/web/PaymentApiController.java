package org.fangxin.payment.web;

import java.util.List;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.payment.PaymentOrderView;
import org.fangxin.payment.PaymentStatus;
import org.fangxin.payment.Payments;
import org.fangxin.payment.ProviderRefundView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read access to payment orders and their refunds: the payer sees their own, operators see all (and the stuck ones). */
@RestController
class PaymentApiController {

    private final Payments payments;

    PaymentApiController(Payments payments) {
        this.payments = payments;
    }

    @GetMapping("/api/v1/payments/{id}")
    PaymentOrderView view(Actor actor, @PathVariable UUID id) {
        return payments.view(actor, id);
    }

    @GetMapping("/api/v1/payments")
    List<PaymentOrderView> list(Actor actor, @RequestParam(required = false) PaymentStatus status,
                                @RequestParam(defaultValue = "50") int limit) {
        return payments.list(actor, status, limit);
    }

    @GetMapping("/api/v1/payments/{id}/refunds")
    List<ProviderRefundView> refunds(Actor actor, @PathVariable UUID id) {
        return payments.refunds(actor, id);
    }
}
