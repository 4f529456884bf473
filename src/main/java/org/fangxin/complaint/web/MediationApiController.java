package org.fangxin.complaint.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.fangxin.complaint.Agreements;
import org.fangxin.complaint.ComplaintExport;
import org.fangxin.complaint.ComplaintImports;
import org.fangxin.complaint.ComplaintReports;
import org.fangxin.complaint.ComplaintStage;
import org.fangxin.complaint.ComplaintStatistics;
import org.fangxin.complaint.ImportResult;
import org.fangxin.complaint.Mediations;
import org.fangxin.complaint.ProposeAgreement;
import org.fangxin.complaint.SlaBoard;
import org.fangxin.complaint.domain.DeadlineRules;
import org.fangxin.identity.Actor;
import org.fangxin.shared.Idempotency;
import org.fangxin.shared.Rejection;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mediation, agreements, figures and exchange over HTTP. Answering an agreement may pay a refund, so it requires an
 * Idempotency-Key; the other POSTs accept one.
 */
@RestController
class MediationApiController {

    private final Mediations mediations;
    private final Agreements agreements;
    private final ComplaintReports reports;
    private final ComplaintImports imports;
    private final Idempotency idempotency;

    MediationApiController(Mediations mediations, Agreements agreements, ComplaintReports reports,
                           ComplaintImports imports, Idempotency idempotency) {
        this.mediations = mediations;
        this.agreements = agreements;
        this.reports = reports;
        this.imports = imports;
        this.idempotency = idempotency;
    }

    record Step(String reason, String note) { }

    record Answer(Boolean accept, String reason) { }

    record Report(String report) { }

    @PostMapping("/api/v1/complaints/{id}/acceptance")
    ResponseEntity<Object> accept(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                  @PathVariable UUID id, @RequestBody(required = false) Step request) {
        String note = request == null ? null : request.note();
        return run(actor, key, false, id, request, () -> mediations.accept(actor, id, note));
    }

    @PostMapping("/api/v1/complaints/{id}/declination")
    ResponseEntity<Object> decline(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                   @PathVariable UUID id, @RequestBody Step request) {
        return run(actor, key, false, id, request, () -> mediations.decline(actor, id, request.reason()));
    }

    @PostMapping("/api/v1/complaints/{id}/mediation-end")
    ResponseEntity<Object> end(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                               @PathVariable UUID id, @RequestBody Step request) {
        return run(actor, key, false, id, request, () -> mediations.end(actor, id, request.reason()));
    }

    @PostMapping("/api/v1/complaints/{id}/agreements")
    ResponseEntity<Object> propose(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                   @PathVariable UUID id, @RequestBody ProposeAgreement request) {
        return run(actor, key, false, id, request, () -> agreements.propose(actor, id, request));
    }

    @PostMapping("/api/v1/complaints/{id}/agreement/answer")
    ResponseEntity<Object> answer(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                  @PathVariable UUID id, @RequestBody Answer request) {
        if (request.accept() == null) {
            throw Rejection.invalid("accept", "true to accept the agreement, false to reject it");
        }
        return run(actor, key, true, id, request, () -> agreements.answer(actor, id, request.accept(), request.reason()));
    }

    @PostMapping("/api/v1/complaints/{id}/agreement/performance-report")
    ResponseEntity<Object> report(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                  @PathVariable UUID id, @RequestBody Report request) {
        return run(actor, key, false, id, request, () -> agreements.reportPerformed(actor, id, request.report()));
    }

    @PostMapping("/api/v1/complaints/{id}/agreement/performance-confirmation")
    ResponseEntity<Object> confirm(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                   @PathVariable UUID id) {
        return run(actor, key, false, id, null, () -> agreements.confirmPerformed(actor, id));
    }

    @PostMapping("/api/v1/complaints/{id}/agreement/performance-objection")
    ResponseEntity<Object> object(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                  @PathVariable UUID id, @RequestBody Step request) {
        return run(actor, key, false, id, request, () -> agreements.disputePerformance(actor, id, request.reason()));
    }

    record Payout(String reference) { }

    /** OPERATOR: the set-aside compensation was paid to the consumer (bank transfer reference); moves money. */
    @PostMapping("/api/v1/complaints/{id}/agreement/compensation-payout")
    ResponseEntity<Object> payout(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                  @PathVariable UUID id, @RequestBody Payout request) {
        return run(actor, key, true, id, request, () -> agreements.recordCompensationPayout(actor, id, request.reference()));
    }

    @GetMapping("/api/v1/complaints/sla-board")
    SlaBoard board(Actor actor) {
        return reports.board(actor);
    }

    /** {@code format=json} (default) or {@code csv}. */
    @GetMapping("/api/v1/complaints/export")
    ResponseEntity<?> export(Actor actor, @RequestParam(defaultValue = "json") String format,
                             @RequestParam(required = false) ComplaintStage stage) {
        if ("csv".equalsIgnoreCase(format)) {
            return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=complaints.csv")
                    .body(reports.exportCsv(actor, stage));
        }
        if (!"json".equalsIgnoreCase(format)) {
            throw Rejection.invalid("format", "json or csv");
        }
        List<ComplaintExport> cases = reports.export(actor, stage);
        return ResponseEntity.ok(cases);
    }

    /** A 12315 CSV file as the body (text/csv or text/plain, UTF-8). */
    @PostMapping(path = "/api/v1/complaints/imports", consumes = {"text/csv", "text/plain"})
    ResponseEntity<ImportResult> import12315(Actor actor, @RequestBody String csv) {
        return ResponseEntity.status(201).body(imports.import12315(actor, csv));
    }

    @GetMapping("/api/v1/complaints/deadline-rules/{regionCode}")
    DeadlineRules rules(Actor actor, @PathVariable String regionCode) {
        return reports.rules(regionCode);
    }

    @PutMapping("/api/v1/complaints/deadline-rules/{regionCode}")
    DeadlineRules setRules(Actor actor, @PathVariable String regionCode, @RequestBody DeadlineRulesRequest request) {
        return reports.setRules(actor, regionCode, request.toRules());
    }

    /** The working days of each deadline; each 1 to 120. */
    record DeadlineRulesRequest(int negotiationDays, int platformDays, int acceptanceDays, int mediationDays,
                                int performanceDays, int noticeDays) {
        DeadlineRules toRules() {
            try {
                return new DeadlineRules(negotiationDays, platformDays, acceptanceDays, mediationDays, performanceDays,
                        noticeDays);
            } catch (IllegalArgumentException e) {
                throw Rejection.invalid("days", e.getMessage())
                        .withMessage("problem.complaint.deadline-days", DeadlineRules.DAYS_MAX);
            }
        }
    }

    /** Public: a merchant's complaint counts by outcome (never contents). */
    @GetMapping("/api/v1/public/merchants/{merchantId}/complaint-statistics")
    ComplaintStatistics statistics(@PathVariable UUID merchantId) {
        return reports.statistics(merchantId);
    }

    record Keyed(UUID complaintId, Object body) { }

    private ResponseEntity<Object> run(Actor actor, String key, boolean required, UUID id, Object request,
                                       java.util.function.Supplier<Object> step) {
        return idempotency.execute(actor.scope(), key, required, new Keyed(id, request),
                () -> Idempotency.Answer.of(200, step.get())).toResponse();
    }
}
