package org.fangxin.complaint.web;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.fangxin.complaint.ComplaintStage;
import org.fangxin.complaint.ComplaintView;
import org.fangxin.complaint.Complaints;
import org.fangxin.complaint.EvidenceFile;
import org.fangxin.complaint.EvidenceUpload;
import org.fangxin.complaint.EvidenceView;
import org.fangxin.complaint.FileComplaint;
import org.fangxin.complaint.MessageView;
import org.fangxin.complaint.StageChangeView;
import org.fangxin.identity.Actor;
import org.fangxin.shared.Idempotency;
import org.fangxin.shared.Rejection;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Complaints over HTTP: intake, reading, messages, evidence and the parties' steps; the facades check who may do what.
 * Mutating POSTs accept an Idempotency-Key (a retry answers the first result).
 */
@RestController
class ComplaintApiController {

    private final Complaints complaints;
    private final Idempotency idempotency;

    ComplaintApiController(Complaints complaints, Idempotency idempotency) {
        this.complaints = complaints;
        this.idempotency = idempotency;
    }

    @PostMapping("/api/v1/complaints")
    ResponseEntity<Object> file(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                @RequestBody FileComplaint request) {
        return idempotency.execute(actor.scope(), key, false, request,
                () -> Idempotency.Answer.of(201, complaints.file(actor, request))).toResponse();
    }

    @GetMapping("/api/v1/complaints")
    List<ComplaintView> list(Actor actor, @RequestParam(required = false) ComplaintStage stage,
                             @RequestParam(defaultValue = "50") int limit) {
        return complaints.list(actor, stage, limit);
    }

    @GetMapping("/api/v1/complaints/{id}")
    ComplaintView view(Actor actor, @PathVariable UUID id) {
        return complaints.view(actor, id);
    }

    @GetMapping("/api/v1/complaints/{id}/timeline")
    List<StageChangeView> timeline(Actor actor, @PathVariable UUID id) {
        return complaints.timeline(actor, id);
    }

    @GetMapping("/api/v1/complaints/{id}/messages")
    List<MessageView> messages(Actor actor, @PathVariable UUID id) {
        return complaints.messages(actor, id);
    }

    record Text(String body) { }

    @PostMapping("/api/v1/complaints/{id}/messages")
    ResponseEntity<Object> post(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                @PathVariable UUID id, @RequestBody Text request) {
        return idempotency.execute(actor.scope(), key, false, new Keyed(id, request),
                () -> Idempotency.Answer.of(201, complaints.post(actor, id, request.body()))).toResponse();
    }

    @GetMapping("/api/v1/complaints/{id}/evidence")
    List<EvidenceView> evidence(Actor actor, @PathVariable UUID id) {
        return complaints.evidence(actor, id);
    }

    /** Multipart field {@code file}; the same file twice answers the stored one. */
    @PostMapping(path = "/api/v1/complaints/{id}/evidence", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<EvidenceView> attach(Actor actor, @PathVariable UUID id, @RequestParam("file") MultipartFile file) {
        return ResponseEntity.status(201).body(complaints.attach(actor, id, upload(file)));
    }

    @GetMapping("/api/v1/complaints/{id}/evidence/{evidenceId}")
    ResponseEntity<byte[]> download(Actor actor, @PathVariable UUID id, @PathVariable UUID evidenceId) {
        return file(complaints.evidenceFile(actor, id, evidenceId));
    }

    record Step(String reason, String note, ComplaintStage to) { }

    @PostMapping("/api/v1/complaints/{id}/refusal")
    ResponseEntity<Object> refuse(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                  @PathVariable UUID id, @RequestBody Step request) {
        return idempotency.execute(actor.scope(), key, false, new Keyed(id, request),
                () -> Idempotency.Answer.of(200, complaints.refuse(actor, id, request.reason()))).toResponse();
    }

    @PostMapping("/api/v1/complaints/{id}/escalation")
    ResponseEntity<Object> escalate(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                    @PathVariable UUID id, @RequestBody Step request) {
        return idempotency.execute(actor.scope(), key, false, new Keyed(id, request),
                () -> Idempotency.Answer.of(200, complaints.escalate(actor, id, request.to(), request.note()))).toResponse();
    }

    @PostMapping("/api/v1/complaints/{id}/withdrawal")
    ResponseEntity<Object> withdraw(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                    @PathVariable UUID id, @RequestBody(required = false) Step request) {
        String note = request == null ? null : request.note();
        return idempotency.execute(actor.scope(), key, false, new Keyed(id, request),
                () -> Idempotency.Answer.of(200, complaints.withdraw(actor, id, note))).toResponse();
    }

    /** The request hashed for an idempotency key: the path's case id and the body. */
    record Keyed(UUID complaintId, Object body) { }

    static EvidenceUpload upload(MultipartFile file) {
        if (file == null || file.isEmpty()) {
            throw Rejection.invalid("file", "choose a file");
        }
        try {
            return new EvidenceUpload(file.getOriginalFilename(), file.getBytes());
        } catch (IOException e) {
            throw Rejection.invalid("file", "the upload could not be read");
        }
    }

    /** An evidence file as a download: its checked type, never rendered inline or sniffed by the browser. */
    static ResponseEntity<byte[]> file(EvidenceFile file) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.view().contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.view().fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(file.content());
    }
}
