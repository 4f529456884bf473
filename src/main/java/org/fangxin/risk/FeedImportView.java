package org.fangxin.risk;

import java.time.Instant;
import java.util.UUID;

/**
 * A feed file as imported: how many records it held and what became of them (new, unchanged repeats, corrections,
 * quarantined for an unknown credit code). {@code repeated} is true when the same file (SHA-256) had been imported
 * before: this answer is that first import's, and nothing changed.
 */
public record FeedImportView(UUID id, String sha256, String provider, String channel, String fileName, String format,
                             int records, int imported, int unchanged, int corrected, int quarantined,
                             Instant receivedAt, String receivedBy, boolean repeated) {

    public FeedImportView asRepeat() {
        return new FeedImportView(id, sha256, provider, channel, fileName, format, records, imported, unchanged, corrected,
                quarantined, receivedAt, receivedBy, true);
    }
}
