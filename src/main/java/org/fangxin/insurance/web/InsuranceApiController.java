package org.fangxin.insurance.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.insurance.InsurerView;
import org.fangxin.insurance.Insurers;
import org.fangxin.insurance.NewPolicy;
import org.fangxin.insurance.NewProduct;
import org.fangxin.insurance.Policies;
import org.fangxin.insurance.PolicyView;
import org.fangxin.insurance.PremiumBillView;
import org.fangxin.insurance.Premiums;
import org.fangxin.insurance.PremiumSettlementView;
import org.fangxin.insurance.PremiumSettlements;
import org.fangxin.insurance.ProductView;
import org.fangxin.shared.Idempotency;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Insurers, products, policies and premium bills (/api/v1/insurance). */
@RestController
class InsuranceApiController {

    private final Insurers insurers;
    private final Policies policies;
    private final Premiums premiums;
    private final Idempotency idempotency;
    private final PremiumSettlements settlements;

    InsuranceApiController(Insurers insurers, Policies policies, Premiums premiums, Idempotency idempotency,
                           PremiumSettlements settlements) {
        this.settlements = settlements;
        this.insurers = insurers;
        this.policies = policies;
        this.premiums = premiums;
        this.idempotency = idempotency;
    }

    record CreateInsurer(@NotBlank @Size(max = 100) String name, @NotBlank @Size(max = 40) String licenceNo) { }

    record LinkMember(@NotNull UUID userId) { }

    record BillingRun(@NotNull YearMonth period) { }

    @GetMapping("/api/v1/insurance/insurers")
    List<InsurerView> insurers(Actor actor) {
        return insurers.list(actor);
    }

    @PostMapping("/api/v1/insurance/insurers")
    ResponseEntity<Object> createInsurer(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                         @Valid @RequestBody CreateInsurer request) {
        return created(actor, key, false, request, () -> insurers.create(actor, request.name(), request.licenceNo()));
    }

    @GetMapping("/api/v1/insurance/insurers/{id}")
    InsurerView insurer(Actor actor, @PathVariable UUID id) {
        return insurers.view(actor, id);
    }

    @GetMapping("/api/v1/insurance/insurers/{id}/members")
    List<UUID> members(Actor actor, @PathVariable UUID id) {
        return insurers.members(actor, id);
    }

    /** Links an INSURER user (or API-key system user) to the insurer; linking again is a no-op. */
    @PostMapping("/api/v1/insurance/insurers/{id}/members")
    InsurerView link(Actor actor, @PathVariable UUID id, @Valid @RequestBody LinkMember request) {
        return insurers.link(actor, id, request.userId());
    }

    @GetMapping("/api/v1/insurance/products")
    List<ProductView> products(Actor actor) {
        return insurers.products(actor);
    }

    @PostMapping("/api/v1/insurance/products")
    ResponseEntity<Object> defineProduct(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                         @Valid @RequestBody NewProduct request) {
        if (!actor.is(Role.INSURER, Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "insurers and operators define products");
        }
        return copied(actor, key, request, () -> insurers.defineProduct(actor, request), ProductView::id,
                id -> insurers.copyEverywhere(id, actor.username()));
    }

    @GetMapping("/api/v1/insurance/products/{id}")
    ProductView product(Actor actor, @PathVariable UUID id) {
        return insurers.product(actor, id);
    }

    @GetMapping("/api/v1/insurance/policies")
    List<PolicyView> policies(Actor actor) {
        return policies.list(actor);
    }

    @PostMapping("/api/v1/insurance/policies")
    ResponseEntity<Object> issue(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                 @Valid @RequestBody NewPolicy request) {
        return copied(actor, key, request, () -> policies.issue(actor, request), PolicyView::id,
                id -> policies.copyEverywhere(id, actor.username()));
    }

    @GetMapping("/api/v1/insurance/policies/{id}")
    PolicyView policy(Actor actor, @PathVariable UUID id) {
        return policies.view(actor, id);
    }

    @GetMapping("/api/v1/insurance/bills")
    List<PremiumBillView> bills(Actor actor, @RequestParam(required = false) UUID policyId,
                                @RequestParam(defaultValue = "100") int size) {
        return premiums.bills(actor, policyId, size);
    }

    @GetMapping("/api/v1/insurance/bills/{id}")
    PremiumBillView bill(Actor actor, @PathVariable UUID id) {
        return premiums.bill(actor, id);
    }

    /** Bills every policy in force in the month; books premiums, so an Idempotency-Key is required. A rerun bills nothing twice. */
    @PostMapping("/api/v1/insurance/billing-runs")
    ResponseEntity<Object> billingRun(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                      @Valid @RequestBody BillingRun request) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators run premium billing");
        }
        return created(actor, key, true, request, () -> premiums.bill(actor, request.period()));
    }

    record Reference(@Size(max = 100) String reference) { }

    @GetMapping("/api/v1/insurance/bills/{id}/settlement")
    PremiumSettlementView settlement(Actor actor, @PathVariable UUID id) {
        return settlements.settlement(actor, id);
    }

    /** OPERATOR: takes the DUE merchant shares that the merchants' payables now hold. */
    @PostMapping("/api/v1/insurance/bills/{id}/collection")
    ResponseEntity<Object> collect(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                   @PathVariable UUID id) {
        return ok(actor, key, Map.of("billId", id.toString(), "action", "collect"), () -> settlements.collectDue(actor, id));
    }

    @PostMapping("/api/v1/insurance/bills/{id}/subsidy-receipt")
    ResponseEntity<Object> subsidy(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                   @PathVariable UUID id, @Valid @RequestBody(required = false) Reference body) {
        String reference = body == null ? null : body.reference();
        return ok(actor, key, Map.of("billId", id.toString(), "action", "subsidy", "reference", String.valueOf(reference)),
                () -> settlements.receiveSubsidy(actor, id, reference));
    }

    @PostMapping("/api/v1/insurance/bills/{id}/remittance")
    ResponseEntity<Object> remit(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                 @PathVariable UUID id, @Valid @RequestBody(required = false) Reference body) {
        String reference = body == null ? null : body.reference();
        return ok(actor, key, Map.of("billId", id.toString(), "action", "remit", "reference", String.valueOf(reference)),
                () -> settlements.remit(actor, id, reference));
    }

    private ResponseEntity<Object> ok(Actor actor, String key, Object request, java.util.function.Supplier<Object> command) {
        return idempotency.execute(actor.scope(), key, true, request, () -> Idempotency.Answer.of(200, command.get()))
                .toResponse();
    }

    /**
     * A product or policy: made on one shard and copied to the others after its commit (ADR 12 §8h). A retry with the
     * same key replays the answer and copies the object again, completing copies that failed the first time.
     */
    private <T> ResponseEntity<Object> copied(Actor actor, String key, Object request, java.util.function.Supplier<T> command,
                                              java.util.function.Function<T, UUID> id, java.util.function.Consumer<UUID> copy) {
        return idempotency.execute(actor.scope(), key, false, request, () -> {
            T made = command.get();
            return Idempotency.Answer.of(201, made).about(id.apply(made));
        }, answer -> {
            if (answer.replayed() && answer.resourceId() != null) {
                copy.accept(answer.resourceId());
            }
            return answer;
        }).toResponse();
    }

    private ResponseEntity<Object> created(Actor actor, String key, boolean required, Object request,
                                           java.util.function.Supplier<Object> command) {
        var answer = idempotency.execute(actor.scope(), key, required, request,
                () -> Idempotency.Answer.of(201, command.get()));
        return answer.toResponse();
    }
}
