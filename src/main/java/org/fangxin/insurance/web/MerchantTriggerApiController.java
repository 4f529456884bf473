package org.fangxin.insurance.web;

import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import org.fangxin.identity.Actor;
import org.fangxin.insurance.MerchantTriggerView;
import org.fangxin.insurance.MerchantTriggers;
import org.fangxin.insurance.NewMerchantTrigger;
import org.fangxin.shared.Idempotency;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Licence revocations and bankruptcies (/api/v1/insurance/merchant-events): an OPERATOR records one (201; it opens or
 * joins the merchant's closure case; Idempotency-Key required); OPERATOR and REGULATOR list them.
 */
@RestController
class MerchantTriggerApiController {

    private final MerchantTriggers triggers;
    private final Idempotency idempotency;

    MerchantTriggerApiController(MerchantTriggers triggers, Idempotency idempotency) {
        this.triggers = triggers;
        this.idempotency = idempotency;
    }

    @GetMapping("/api/v1/insurance/merchant-events")
    List<MerchantTriggerView> list(Actor actor, @RequestParam(defaultValue = "100") int size) {
        return triggers.list(actor, size);
    }

    @PostMapping("/api/v1/insurance/merchant-events")
    ResponseEntity<Object> record(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                  @Valid @RequestBody NewMerchantTrigger body) {
        return idempotency.execute(actor.scope(), key, true, Map.of("body", body),
                () -> Idempotency.Answer.of(201, triggers.record(actor, body))).toResponse();
    }
}
