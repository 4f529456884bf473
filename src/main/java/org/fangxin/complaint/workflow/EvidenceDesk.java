package org.fangxin.complaint.workflow;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.complaint.EvidenceUpload;
import org.fangxin.complaint.EvidenceView;
import org.fangxin.complaint.domain.EvidenceType;
import org.fangxin.complaint.domain.Party;
import org.fangxin.complaint.persistence.CaseRecords;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Sha256;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Evidence files: checked before anything is written (size, type by the bytes, the name's extension agreeing), stored
 * in the database with their SHA-256 (the same file twice in a case is stored once), served only to the case's parties
 * and handlers (the facades check who asks).
 */
@Component
public class EvidenceDesk {

    public static final ProblemType TOO_LARGE = new ProblemType("evidence-too-large", 413);
    public static final ProblemType TYPE_NOT_ALLOWED = new ProblemType("evidence-type-not-allowed", 415);
    public static final ProblemType LIMIT_REACHED = new ProblemType("evidence-limit-reached", 409);
    public static final int NAME_LENGTH_MAX = 200;

    private final CaseRecords records;
    private final IdGenerator ids;
    private final int sizeMaxBytes;
    private final int filesMax;

    EvidenceDesk(CaseRecords records, IdGenerator ids,
                 @Value("${fangxin.complaint.evidence-size-max-bytes:5242880}") int sizeMaxBytes,
                 @Value("${fangxin.complaint.evidence-files-max:20}") int filesMax) {
        if (sizeMaxBytes < 1 || sizeMaxBytes > 10_485_760 || filesMax < 1 || filesMax > 100) {
            throw new IllegalArgumentException("fangxin.complaint.evidence-size-max-bytes 1..10485760, evidence-files-max 1..100");
        }
        this.records = records;
        this.ids = ids;
        this.sizeMaxBytes = sizeMaxBytes;
        this.filesMax = filesMax;
    }

    public int sizeMaxBytes() {
        return sizeMaxBytes;
    }

    /** Refuses files that may not be stored; {@code stored} files are in the case already. Writes nothing. */
    public void check(List<EvidenceUpload> uploads, int stored) {
        if (stored + uploads.size() > filesMax) {
            throw new Rejection(LIMIT_REACHED, "a case holds at most " + filesMax + " evidence files",
                    Map.of("filesMax", filesMax));
        }
        for (EvidenceUpload upload : uploads) {
            check(upload);
        }
    }

    private void check(EvidenceUpload upload) {
        String name = name(upload);
        byte[] content = upload.content();
        if (content == null || content.length == 0) {
            throw Rejection.invalid("file", "the file " + name + " is empty");
        }
        if (content.length > sizeMaxBytes) {
            throw new Rejection(TOO_LARGE, "the file " + name + " has " + content.length + " bytes; at most "
                    + sizeMaxBytes + " are accepted", Map.of("sizeMaxBytes", sizeMaxBytes));
        }
        EvidenceType type = EvidenceType.sniff(content).orElseThrow(() -> new Rejection(TYPE_NOT_ALLOWED,
                "the file " + name + " is not a JPEG, PNG or WebP image or a PDF document (checked by its content)"));
        boolean hasExtension = name.lastIndexOf('.') > 0;
        EvidenceType named = EvidenceType.named(name).orElse(null);
        if (hasExtension && named != type) {
            throw new Rejection(TYPE_NOT_ALLOWED, "the file " + name + " is named as another type than its content ("
                    + type.contentType() + ")");
        }
    }

    /** Stores a checked file; the same bytes again answer the stored file. */
    public EvidenceView store(UUID complaintId, Party party, UUID userId, EvidenceUpload upload, java.time.Instant at) {
        String sha256 = Sha256.hex(upload.content());
        EvidenceType type = EvidenceType.sniff(upload.content()).orElseThrow();
        EvidenceView view = new EvidenceView(ids.next(), complaintId, name(upload), type.contentType(),
                upload.content().length, sha256, party.name(), at);
        if (records.insertEvidence(view, upload.content(), userId)) {
            return view;
        }
        return records.evidenceByDigest(complaintId, sha256).orElseThrow();
    }

    private static String name(EvidenceUpload upload) {
        String name = upload.fileName() == null ? "" : upload.fileName().strip().replaceAll("[\\\\/\\p{Cntrl}]", "_");
        if (name.isEmpty()) {
            return "evidence";
        }
        return name.length() <= NAME_LENGTH_MAX ? name : name.substring(name.length() - NAME_LENGTH_MAX);
    }
}
