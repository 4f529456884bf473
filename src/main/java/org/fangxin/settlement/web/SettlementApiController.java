package org.fangxin.settlement.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.merchant.Sector;
import org.fangxin.settlement.CycleView;
import org.fangxin.settlement.PayoutStatus;
import org.fangxin.settlement.PayoutView;
import org.fangxin.settlement.RunView;
import org.fangxin.settlement.SettlementFrequency;
import org.fangxin.settlement.SettlementSummary;
import org.fangxin.settlement.Settlements;
import org.fangxin.shared.Idempotency;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Settlement for operators (runs, payouts, cycles) and merchants (own payouts, summary). */
@RestController
class SettlementApiController {

    private final Settlements settlements;
    private final Idempotency idempotency;

    SettlementApiController(Settlements settlements, Idempotency idempotency) {
        this.settlements = settlements;
        this.idempotency = idempotency;
    }

    record RunRequest(@NotNull LocalDate settlementDate) { }

    record CycleRequest(@NotNull SettlementFrequency frequency, DayOfWeek payoutDay) { }

    /** Runs settlement for a date; moves money, so an Idempotency-Key is required. A rerun pays nobody twice. */
    @PostMapping("/api/v1/settlement/runs")
    ResponseEntity<Object> run(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                               @Valid @RequestBody RunRequest request) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators run settlement");
        }
        var answer = idempotency.execute(actor.scope(), key, true, request,
                () -> Idempotency.Answer.of(201, settlements.run(actor, request.settlementDate())));
        return answer.toResponse();
    }

    @GetMapping("/api/v1/settlement/runs")
    List<RunView> runs(Actor actor, @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return settlements.runs(actor, page, size);
    }

    @GetMapping("/api/v1/settlement/payouts")
    List<PayoutView> payouts(Actor actor, @RequestParam(required = false) UUID merchantId,
                             @RequestParam(required = false) PayoutStatus status,
                             @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return settlements.payouts(actor, merchantId, status, page, size);
    }

    @GetMapping("/api/v1/settlement/summary")
    SettlementSummary summary(Actor actor) {
        return settlements.summary(actor);
    }

    @GetMapping("/api/v1/settlement/cycles")
    List<CycleView> cycles(Actor actor) {
        return settlements.cycles(actor);
    }

    @PutMapping("/api/v1/settlement/cycles/{sector}")
    CycleView changeCycle(Actor actor, @PathVariable Sector sector, @Valid @RequestBody CycleRequest request) {
        return settlements.changeCycle(actor, sector, request.frequency(), request.payoutDay());
    }
}
