package org.fangxin.complaint;

import java.time.Instant;
import java.util.UUID;

/** A message in a case, from one of its parties or its handler ({@code party}: CONSUMER, MERCHANT, PLATFORM, ...). */
public record MessageView(UUID id, UUID complaintId, String authorName, String party, String body, Instant postedAt) { }
