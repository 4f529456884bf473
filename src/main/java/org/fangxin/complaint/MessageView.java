package org.fangxin.complaint;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message in a case, from one of its parties or its handler ({@code party}: CONSUMER, MERCHANT, PLATFORM, ...): what
 * a person wrote ({@code body}), or a text of the platform as a message key of complaint.properties and its arguments
 * ({@code bodyKey}, {@code bodyArgs}; {@code body} then holds a language-neutral reference).
 */
public record MessageView(UUID id, UUID complaintId, String authorName, String party, String body, Instant postedAt,
                          String bodyKey, List<String> bodyArgs) {

    /** A message a person wrote. */
    public MessageView(UUID id, UUID complaintId, String authorName, String party, String body, Instant postedAt) {
        this(id, complaintId, authorName, party, body, postedAt, null, List.of());
    }
}
