package org.fangxin.complaint;

import java.time.Instant;
import java.util.UUID;

/** A complaint was filed (or imported from 12315): a risk signal for the merchant. */
public record ComplaintFiled(UUID complaintId, String caseNumber, UUID merchantId, UUID consumerId,
                             ComplaintCategory category, ComplaintSubject subject, String source, String regionCode,
                             String sector, Instant at) { }
