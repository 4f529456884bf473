package org.fangxin.complaint;

import java.time.Instant;
import java.util.UUID;

/** An evidence file of a case (image or PDF, type checked by its bytes), identified by its SHA-256. */
public record EvidenceView(UUID id, UUID complaintId, String fileName, String contentType, int sizeBytes, String sha256,
                           String party, Instant uploadedAt) { }
