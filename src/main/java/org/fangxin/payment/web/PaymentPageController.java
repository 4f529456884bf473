package org.fangxin.payment.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.fangxin.identity.Actor;
import org.fangxin.payment.PaymentStatus;
import org.fangxin.payment.Payments;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The operator's payment page: pending orders (stuck ones flagged) and refunds that failed or are still open. */
@Controller
class PaymentPageController {

    static final int ROWS_MAX = 200;

    private final Payments payments;
    private final Clock clock;
    private final Duration stuckAfter;

    PaymentPageController(Payments payments, Clock clock,
                          @Value("${fangxin.payment.janitor.query-after:PT2M}") Duration stuckAfter) {
        this.payments = payments;
        this.clock = clock;
        this.stuckAfter = stuckAfter;
    }

    @GetMapping("/payments")
    String operations(Actor actor, Model model) {
        Instant stuckBefore = clock.instant().minus(stuckAfter);
        model.addAttribute("pending", payments.list(actor, PaymentStatus.PENDING, ROWS_MAX));
        model.addAttribute("refunds", payments.troubledRefunds(actor, ROWS_MAX));
        model.addAttribute("stuckBefore", stuckBefore);
        model.addAttribute("stuckMinutes", stuckAfter.toMinutes());
        return "payment/operations";
    }
}
