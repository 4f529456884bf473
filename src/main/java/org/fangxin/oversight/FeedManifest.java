package org.fangxin.oversight;

import java.time.LocalDate;

/**
 * The signature file of one supervision feed (docs/oversight.md): which day and scope the JSON lines cover, how many
 * lines, their SHA-256, and the Ed25519 signature (base64) of {@link #signedText()} by the key {@code keyId}.
 */
public record FeedManifest(String format, LocalDate day, String region, String sector, long lines, String sha256,
                           String keyId, String signature) {

    public static final String FORMAT = "fangxin-balance-feed-v1";

    /** The exact text signed: six lines (format, day, region, sector, lines, sha256), each ending in a line feed; sector "*" for all sectors. */
    public String signedText() {
        return signedText(day, region, sector, lines, sha256);
    }

    static String signedText(LocalDate day, String region, String sector, long lines, String sha256) {
        return FORMAT + "\n" + day + "\n" + region + "\n" + (sector == null ? "*" : sector) + "\n" + lines + "\n" + sha256 + "\n";
    }
}
