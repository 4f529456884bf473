package org.fangxin.payment.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.fangxin.payment.lifecycle.CallbackIntake;
import org.fangxin.payment.lifecycle.CallbackIntake.Outcome;
import org.fangxin.shared.ProblemTexts;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The providers' notification endpoint (anonymous: trust comes from the signature). The body is read raw so that
 * malformed and forged notifications are logged too; the provider gets 200 for anything it need not resend.
 */
@RestController
class PaymentCallbackController {

    private final CallbackIntake intake;
    private final ProblemTexts texts;

    PaymentCallbackController(CallbackIntake intake, ProblemTexts texts) {
        this.intake = intake;
        this.texts = texts;
    }

    @PostMapping(path = "/api/v1/public/payments/callbacks/sandbox", consumes = MediaType.ALL_VALUE)
    ResponseEntity<Object> sandbox(@RequestBody(required = false) String body, HttpServletRequest request) {
        Outcome outcome = intake.receive("sandbox", body, request.getRemoteAddr());
        if (!outcome.verdict().rejected()) {
            return ResponseEntity.ok(Map.of("result", "SUCCESS", "verdict", outcome.verdict().name()));
        }
        String code = "payment-callback-" + outcome.verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        ProblemDetail problem = texts.problem(code, outcome.verdict().status(), texts.locale(request), "problem." + code + ".detail");
        return ResponseEntity.status(outcome.verdict().status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
