package org.fangxin.protection.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.merchant.Sector;
import org.fangxin.protection.CoverageCheckSummary;
import org.fangxin.protection.CoverageView;
import org.fangxin.protection.DepositRuleView;
import org.fangxin.protection.DepositView;
import org.fangxin.protection.Deposits;
import org.fangxin.protection.TopUpRequestView;
import org.fangxin.shared.Idempotency;
import org.fangxin.shared.Money;
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

/** Risk deposits: rules, lodging and returning (operators), coverage and top-up requests (merchant, operator, regulator). */
@RestController
class ProtectionApiController {

    private final Deposits deposits;
    private final Idempotency idempotency;

    ProtectionApiController(Deposits deposits, Idempotency idempotency) {
        this.deposits = deposits;
        this.idempotency = idempotency;
    }

    record RuleRequest(@NotNull Money floor, @Min(0) @Max(10_000) int shareBps) { }

    record LodgeRequest(@NotNull UUID merchantId, @NotNull Money amount, @NotBlank @Size(max = 100) String reference) { }

    record ReturnRequest(@NotBlank @Size(max = 100) String reference) { }

    @GetMapping("/api/v1/protection/deposit-rules")
    List<DepositRuleView> rules(Actor actor) {
        return deposits.rules(actor);
    }

    @PutMapping("/api/v1/protection/deposit-rules/{sector}")
    DepositRuleView changeRule(Actor actor, @PathVariable Sector sector, @Valid @RequestBody RuleRequest request) {
        return deposits.changeRule(actor, sector, request.floor(), request.shareBps());
    }

    /** Records a received deposit; moves money, so an Idempotency-Key is required. */
    @PostMapping("/api/v1/protection/deposits")
    ResponseEntity<Object> lodge(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                 @Valid @RequestBody LodgeRequest request) {
        requireOperator(actor);
        var answer = idempotency.execute(actor.scope(), key, true, request, () -> Idempotency.Answer.of(201,
                deposits.lodge(actor, request.merchantId(), request.amount(), request.reference())));
        return answer.toResponse();
    }

    /** Returns the whole deposit of a CLOSED merchant without exposure; Idempotency-Key required. */
    @PostMapping("/api/v1/protection/merchants/{merchantId}/deposit-return")
    ResponseEntity<Object> returnDeposit(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                         @PathVariable UUID merchantId, @Valid @RequestBody ReturnRequest request) {
        requireOperator(actor);
        var answer = idempotency.execute(actor.scope(), key, true, new Object[] {merchantId, request},
                () -> Idempotency.Answer.of(201, deposits.returnDeposit(actor, merchantId, request.reference())));
        return answer.toResponse();
    }

    @GetMapping("/api/v1/protection/deposits")
    List<DepositView> allDeposits(Actor actor) {
        return deposits.allMovements(actor);
    }

    @GetMapping("/api/v1/protection/merchants/{merchantId}/coverage")
    CoverageView coverage(Actor actor, @PathVariable UUID merchantId) {
        return deposits.coverage(actor, merchantId);
    }

    @GetMapping("/api/v1/protection/merchants/{merchantId}/deposits")
    List<DepositView> deposits(Actor actor, @PathVariable UUID merchantId) {
        return deposits.movements(actor, merchantId);
    }

    @GetMapping("/api/v1/protection/merchants/{merchantId}/top-up-requests")
    List<TopUpRequestView> topUpRequests(Actor actor, @PathVariable UUID merchantId) {
        return deposits.topUpRequests(actor, merchantId);
    }

    @GetMapping("/api/v1/protection/coverage")
    List<CoverageView> coverages(Actor actor, @RequestParam(defaultValue = "false") boolean underCovered) {
        return deposits.coverages(actor, underCovered);
    }

    /** Runs the coverage check now (moves no money; a rerun changes nothing unless figures changed). */
    @PostMapping("/api/v1/protection/coverage-checks")
    ResponseEntity<CoverageCheckSummary> check(Actor actor) {
        return ResponseEntity.status(201).body(deposits.runCheck(actor));
    }

    private static void requireOperator(Actor actor) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators manage risk deposits");
        }
    }
}
