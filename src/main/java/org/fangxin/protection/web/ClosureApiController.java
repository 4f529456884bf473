package org.fangxin.protection.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.fangxin.identity.Actor;
import org.fangxin.protection.ClosureCaseView;
import org.fangxin.protection.ClosureNoticeView;
import org.fangxin.protection.ClosureNotices;
import org.fangxin.protection.Closures;
import org.fangxin.shared.Idempotency;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Closure cases: consumers' reports, the owner's announcement, marking, evidence, confirm/clear, the public notice. */
@RestController
class ClosureApiController {

    static final int TEXT_MAX = Closures.NOTE_LENGTH_MAX;

    private final Closures closures;
    private final ClosureNotices notices;
    private final Idempotency idempotency;

    ClosureApiController(Closures closures, ClosureNotices notices, Idempotency idempotency) {
        this.closures = closures;
        this.notices = notices;
        this.idempotency = idempotency;
    }

    record ReportRequest(@NotNull UUID merchantId, @Size(max = TEXT_MAX) String note) { }

    record AnnounceRequest(@NotNull LocalDate closingOn, @NotBlank @Size(max = TEXT_MAX) String reason) { }

    record MarkRequest(@NotNull UUID merchantId, @NotBlank @Size(max = TEXT_MAX) String evidence) { }

    record EvidenceRequest(@NotBlank @Size(max = TEXT_MAX) String evidence) { }

    @PostMapping("/api/v1/closure-reports")
    ResponseEntity<Object> report(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                  @Valid @RequestBody ReportRequest request) {
        return created(actor, key, request, () -> closures.report(actor, request.merchantId(), request.note()));
    }

    @PostMapping("/api/v1/protection/closures/announcement")
    ResponseEntity<Object> announce(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                    @Valid @RequestBody AnnounceRequest request) {
        return created(actor, key, request, () -> closures.announce(actor, request.closingOn(), request.reason()));
    }

    @PostMapping("/api/v1/protection/closures")
    ResponseEntity<Object> mark(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                @Valid @RequestBody MarkRequest request) {
        return created(actor, key, request, () -> closures.mark(actor, request.merchantId(), request.evidence()));
    }

    @GetMapping("/api/v1/protection/closures")
    List<ClosureCaseView> cases(Actor actor, @RequestParam(defaultValue = "false") boolean open) {
        return closures.cases(actor, open);
    }

    @GetMapping("/api/v1/protection/closures/mine")
    List<ClosureCaseView> mine(Actor actor) {
        return closures.mine(actor);
    }

    @GetMapping("/api/v1/protection/closures/{caseId}")
    ClosureCaseView view(Actor actor, @PathVariable UUID caseId) {
        return closures.view(actor, caseId);
    }

    @PostMapping("/api/v1/protection/closures/{caseId}/evidence")
    ResponseEntity<Object> evidence(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                    @PathVariable UUID caseId, @Valid @RequestBody EvidenceRequest request) {
        return created(actor, key, new Object[] {caseId, request},
                () -> closures.addEvidence(actor, caseId, request.evidence()));
    }

    @PostMapping("/api/v1/protection/closures/{caseId}/confirmation")
    ResponseEntity<Object> confirm(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                   @PathVariable UUID caseId, @Valid @RequestBody EvidenceRequest request) {
        return ok(actor, key, new Object[] {caseId, request}, () -> closures.confirm(actor, caseId, request.evidence()));
    }

    @PostMapping("/api/v1/protection/closures/{caseId}/clearance")
    ResponseEntity<Object> clear(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                 @PathVariable UUID caseId, @Valid @RequestBody EvidenceRequest request) {
        return ok(actor, key, new Object[] {caseId, request}, () -> closures.clear(actor, caseId, request.evidence()));
    }

    /** Anonymous: the public closure notice (no personal data). */
    @GetMapping("/api/v1/public/closures/{caseId}")
    ClosureNoticeView notice(@PathVariable UUID caseId) {
        return notices.notice(caseId);
    }

    private ResponseEntity<Object> created(Actor actor, String key, Object request, Supplier<Object> command) {
        return answer(actor, key, request, 201, command);
    }

    private ResponseEntity<Object> ok(Actor actor, String key, Object request, Supplier<Object> command) {
        return answer(actor, key, request, 200, command);
    }

    private ResponseEntity<Object> answer(Actor actor, String key, Object request, int status, Supplier<Object> command) {
        var answer = idempotency.execute(actor.scope(), key, false, request, () -> Idempotency.Answer.of(status, command.get()));
        return answer.toResponse();
    }
}
