package org.fangxin.bank.reconciliation.web;

import jakarta.validation.constraints.NotBlank;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.bank.reconciliation.BreakView;
import org.fangxin.bank.reconciliation.CertificateView;
import org.fangxin.bank.reconciliation.Reconciliations;
import org.fangxin.bank.reconciliation.RunDetail;
import org.fangxin.bank.reconciliation.RunView;
import org.fangxin.bank.reconciliation.StatementFormat;
import org.fangxin.bank.reconciliation.SubAccountView;
import org.fangxin.identity.Actor;
import org.fangxin.shared.Idempotency;
import org.fangxin.shared.Rejection;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reconciliation API: operators upload statements (the raw file as the body, {@code ?format=CAMT053|CSV}), read runs
 * and breaks and work them; operators and the bank read the daily certificates.
 */
@RestController
class ReconciliationApiController {

    private final Reconciliations reconciliations;
    private final Idempotency idempotency;

    ReconciliationApiController(Reconciliations reconciliations, Idempotency idempotency) {
        this.reconciliations = reconciliations;
        this.idempotency = idempotency;
    }

    record AssignRequest(UUID assigneeId) { }

    record ExplainRequest(@NotBlank String explanation) { }

    record ResolveRequest(UUID correctingTransferId) { }

    @PostMapping("/api/v1/reconciliation/statements")
    ResponseEntity<Object> upload(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                  @RequestParam(defaultValue = "CSV") String format,
                                  @RequestParam(required = false) String fileName,
                                  @RequestParam(defaultValue = "DEFAULT") String bank,
                                  @RequestBody(required = false) byte[] file) {
        Reconciliations.requireOperator(actor);
        StatementFormat parsed = format(format);
        byte[] body = file == null ? new byte[0] : file;
        // The key's request fingerprint is the file's digest, not its bytes, so the key store stays small.
        var request = Map.of("bank", bank, "format", parsed.name(), "sha256", java.util.HexFormat.of().formatHex(digest(body)));
        var answer = idempotency.execute(actor.scope(), key, true, request,
                () -> Idempotency.Answer.of(201, reconciliations.importStatement(actor, bank, parsed, body, fileName)));
        return respond(answer);
    }

    @GetMapping("/api/v1/reconciliation/runs")
    List<RunView> runs(Actor actor, @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return reconciliations.runs(actor, page, size);
    }

    @GetMapping("/api/v1/reconciliation/runs/{id}")
    RunDetail run(Actor actor, @PathVariable UUID id) {
        return reconciliations.run(actor, id);
    }

    @GetMapping("/api/v1/reconciliation/breaks")
    List<BreakView> openBreaks(Actor actor) {
        return reconciliations.openBreaks(actor);
    }

    @GetMapping("/api/v1/reconciliation/breaks/{id}")
    BreakView breakOf(Actor actor, @PathVariable UUID id) {
        return reconciliations.breakOf(actor, id);
    }

    @PostMapping("/api/v1/reconciliation/breaks/{id}/assign")
    ResponseEntity<Object> assign(Actor actor, @PathVariable UUID id, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                  @RequestBody(required = false) AssignRequest request) {
        UUID assignee = request == null ? null : request.assigneeId();
        return step(actor, key, Map.of("step", "assign", "break", id, "assignee", String.valueOf(assignee)),
                () -> reconciliations.assign(actor, id, assignee));
    }

    @PostMapping("/api/v1/reconciliation/breaks/{id}/explain")
    ResponseEntity<Object> explain(Actor actor, @PathVariable UUID id, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                   @RequestBody(required = false) ExplainRequest request) {
        String explanation = request == null ? null : request.explanation();
        return step(actor, key, Map.of("step", "explain", "break", id, "explanation", String.valueOf(explanation)),
                () -> reconciliations.explain(actor, id, explanation));
    }

    @PostMapping("/api/v1/reconciliation/breaks/{id}/resolve")
    ResponseEntity<Object> resolve(Actor actor, @PathVariable UUID id, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                   @RequestBody(required = false) ResolveRequest request) {
        UUID transfer = request == null ? null : request.correctingTransferId();
        return step(actor, key, Map.of("step", "resolve", "break", id, "transfer", String.valueOf(transfer)),
                () -> reconciliations.resolve(actor, id, transfer));
    }

    @PostMapping("/api/v1/reconciliation/breaks/{id}/approve")
    ResponseEntity<Object> approve(Actor actor, @PathVariable UUID id, @RequestHeader(name = Idempotency.HEADER, required = false) String key) {
        return step(actor, key, Map.of("step", "approve", "break", id), () -> reconciliations.approve(actor, id));
    }

    @GetMapping("/api/v1/reconciliation/certificates")
    CertificateView certificate(Actor actor, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                                @RequestParam(required = false) String bank) {
        return reconciliations.certificate(actor, date, bank);
    }

    @GetMapping("/api/v1/reconciliation/sub-accounts")
    List<SubAccountView> subAccounts(Actor actor, @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return reconciliations.subAccounts(actor, page, size);
    }

    /** The merchant's sub-account number; assigned on first use (idempotent), so the bank can be told before money moves. */
    @GetMapping("/api/v1/reconciliation/sub-accounts/{merchantId}")
    SubAccountView subAccount(Actor actor, @PathVariable UUID merchantId) {
        return reconciliations.subAccount(actor, merchantId);
    }

    private ResponseEntity<Object> step(Actor actor, String key, Object request, java.util.function.Supplier<BreakView> command) {
        var answer = idempotency.execute(actor.scope(), key, false, request, () -> Idempotency.Answer.of(200, command.get()));
        return respond(answer);
    }

    static StatementFormat format(String format) {
        try {
            return StatementFormat.valueOf(format.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid("format", "format must be CAMT053 or CSV, not '" + format + "'");
        }
    }

    private static byte[] digest(byte[] body) {
        return org.fangxin.shared.Sha256.digest(body);
    }

    private static ResponseEntity<Object> respond(Idempotency.Answer answer) {
        return answer.toResponse();
    }
}
