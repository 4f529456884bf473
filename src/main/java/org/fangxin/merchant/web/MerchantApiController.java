package org.fangxin.merchant.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.merchant.BusinessFacts;
import org.fangxin.merchant.ComplianceFlags;
import org.fangxin.merchant.MerchantApplication;
import org.fangxin.merchant.MerchantPage;
import org.fangxin.merchant.MerchantStatus;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.StoreApplication;
import org.fangxin.merchant.StoreView;
import org.fangxin.shared.Idempotency;
import org.fangxin.shared.web.StoredText;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Merchant applications (public), the operator's decisions, compliance flags and stores. */
@RestController
class MerchantApiController {

    private final Merchants merchants;
    private final Idempotency idempotency;
    private final StoredText texts;

    MerchantApiController(Merchants merchants, Idempotency idempotency, StoredText texts) {
        this.texts = texts;
        this.merchants = merchants;
        this.idempotency = idempotency;
    }

    /** A reason for an operator's decision; required except for approval. */
    record Decision(@Size(max = 500) String reason) { }

    record FlagsChange(@NotNull Boolean dishonestDebtor, @NotNull Boolean abnormalOperation,
                       @NotNull Boolean deregistering, @Size(max = 500) String reason) { }

    record LeaseChange(@NotNull LocalDate leaseEndsOn) { }

    @PostMapping("/api/v1/public/merchant-applications")
    ResponseEntity<Object> apply(@RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                 @RequestBody MerchantApplication application) {
        // The key store keeps the request body: never the password, so it is redacted before hashing and storing.
        // The public API always declares the business facts: missing ones are reported with the other problems.
        MerchantApplication declared = application.business() == null ? application.withBusiness(BusinessFacts.UNDECLARED)
                : application;
        MerchantApplication stored = new MerchantApplication(application.legalName(), application.creditCode(),
                application.sector(), application.regionCode(), application.stores(), application.settlementAccount(),
                application.flags(), application.ownerUsername(), "[redacted]", application.ownerDisplayName(),
                application.contactMobile(), declared.business());
        return answer(idempotency.execute("public:" + key, key, false, stored,
                () -> Idempotency.Answer.of(201, merchants.apply(declared))));
    }

    @GetMapping("/api/v1/merchants")
    MerchantPage list(Actor actor, @RequestParam(required = false) MerchantStatus status,
                      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return merchants.list(actor, status, page, size);
    }

    @GetMapping("/api/v1/merchants/{id}")
    MerchantView view(Actor actor, @PathVariable UUID id) {
        return merchants.view(actor, id);
    }

    /**
     * A history line as the API shows it: {@code detail} (what changed) and {@code reason} (the person's typed reason,
     * or the platform's) in the caller's language, besides the stored keys (ADR 11) for systems that keep their own
     * texts.
     */
    record HistoryLine(String event, MerchantStatus from, MerchantStatus to, String detail, String reason,
                       String actor, java.time.Instant at, String detailKey, List<String> detailArgs, String reasonKey,
                       List<String> reasonArgs) { }

    @GetMapping("/api/v1/merchants/{id}/history")
    List<HistoryLine> history(Actor actor, @PathVariable UUID id) {
        return merchants.history(actor, id).stream().map(entry -> new HistoryLine(entry.event(), entry.from(),
                entry.to(), entry.detailKey() == null ? null
                        : texts.render(entry.detailKey(), entry.detailArgs()).replaceAll("\\s+", " ").strip(),
                entry.reasonKey() == null ? entry.reason() : texts.render(entry.reasonKey(), entry.reasonArgs()),
                entry.actor(), entry.at(), entry.detailKey(), entry.detailArgs(), entry.reasonKey(),
                entry.reasonArgs())).toList();
    }

    @PostMapping("/api/v1/merchants/{id}/approve")
    ResponseEntity<Object> approve(Actor actor, @PathVariable UUID id, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                   @Valid @RequestBody(required = false) Decision decision) {
        return decide(actor, key, "approve", id, decision, () -> merchants.approve(actor, id));
    }

    @PostMapping("/api/v1/merchants/{id}/reject")
    ResponseEntity<Object> reject(Actor actor, @PathVariable UUID id, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                  @Valid @RequestBody(required = false) Decision decision) {
        return decide(actor, key, "reject", id, decision, () -> merchants.reject(actor, id, reason(decision)));
    }

    @PostMapping("/api/v1/merchants/{id}/suspend")
    ResponseEntity<Object> suspend(Actor actor, @PathVariable UUID id, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                   @Valid @RequestBody(required = false) Decision decision) {
        return decide(actor, key, "suspend", id, decision, () -> merchants.suspend(actor, id, reason(decision)));
    }

    @PostMapping("/api/v1/merchants/{id}/reinstate")
    ResponseEntity<Object> reinstate(Actor actor, @PathVariable UUID id, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                     @Valid @RequestBody(required = false) Decision decision) {
        return decide(actor, key, "reinstate", id, decision, () -> merchants.reinstate(actor, id, reason(decision)));
    }

    @PostMapping("/api/v1/merchants/{id}/closing")
    ResponseEntity<Object> closing(Actor actor, @PathVariable UUID id, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                   @Valid @RequestBody(required = false) Decision decision) {
        return decide(actor, key, "closing", id, decision, () -> merchants.markClosing(actor, id, reason(decision)));
    }

    @PostMapping("/api/v1/merchants/{id}/close")
    ResponseEntity<Object> close(Actor actor, @PathVariable UUID id, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                 @Valid @RequestBody(required = false) Decision decision) {
        return decide(actor, key, "close", id, decision, () -> merchants.close(actor, id, reason(decision)));
    }

    @PutMapping("/api/v1/merchants/{id}/compliance-flags")
    MerchantView changeFlags(Actor actor, @PathVariable UUID id, @Valid @RequestBody FlagsChange change) {
        return merchants.changeComplianceFlags(actor, id,
                new ComplianceFlags(change.dishonestDebtor(), change.abnormalOperation(), change.deregistering()), change.reason());
    }

    @PostMapping("/api/v1/merchants/{id}/stores")
    ResponseEntity<Object> addStore(Actor actor, @PathVariable UUID id, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                    @RequestBody StoreApplication store) {
        return answer(idempotency.execute(actor.scope(), key, false, new Keyed("add-store", id, store),
                () -> Idempotency.Answer.of(201, merchants.addStore(actor, id, store))));
    }

    @PutMapping("/api/v1/merchants/{id}/stores/{storeId}/lease")
    StoreView changeLease(Actor actor, @PathVariable UUID id, @PathVariable UUID storeId, @Valid @RequestBody LeaseChange change) {
        return merchants.changeLease(actor, id, storeId, change.leaseEndsOn());
    }

    /** The owner or an operator declares the business facts (licence date, registered capital, prior-year revenue). */
    @PutMapping("/api/v1/merchants/{id}/business-facts")
    MerchantView changeBusinessFacts(Actor actor, @PathVariable UUID id, @RequestBody BusinessFacts facts) {
        return merchants.changeBusinessFacts(actor, id, facts);
    }

    /** What an idempotency key guards: the action and the merchant as well as the body, so reuse elsewhere is caught. */
    record Keyed(String action, UUID merchantId, Object body) { }

    private ResponseEntity<Object> decide(Actor actor, String key, String action, UUID id, Decision decision,
                                          java.util.function.Supplier<MerchantView> command) {
        return answer(idempotency.execute(actor.scope(), key, false, new Keyed(action, id, decision),
                () -> Idempotency.Answer.of(200, command.get())));
    }

    private static String reason(Decision decision) {
        return decision == null ? null : decision.reason();
    }

    private static ResponseEntity<Object> answer(Idempotency.Answer answer) {
        return answer.toResponse();
    }
}
