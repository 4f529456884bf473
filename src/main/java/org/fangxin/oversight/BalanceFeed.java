package org.fangxin.oversight;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.fangxin.identity.Actor;
import org.fangxin.oversight.feed.FeedKey;
import org.fangxin.oversight.snapshot.SnapshotRepository;
import org.fangxin.shared.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The supervision feed (docs/oversight.md): one day's balance snapshot as JSON lines, one merchant a line, in a fixed
 * order (largest balance first, then merchant id), so the same day and scope always give the same bytes; and its
 * signature file ({@link FeedManifest}: line count, SHA-256, Ed25519 signature). A city or national supervision
 * platform pulls it with an API key of a REGULATOR system user (its scope filters the lines); the daily job writes the
 * nationwide file and its signature next to each other in {@code fangxin.oversight.feed.directory}.
 */
@Service
public class BalanceFeed {

    private static final Logger log = LoggerFactory.getLogger(BalanceFeed.class);

    private final SnapshotRepository snapshots;
    private final Regions regions;
    private final FeedKey key;
    private final JsonMapper json;
    private final Clock clock;
    private final String directory;

    BalanceFeed(SnapshotRepository snapshots, Regions regions, FeedKey key, JsonMapper json, Clock clock,
                @Value("${fangxin.oversight.feed.directory:}") String directory) {
        this.snapshots = snapshots;
        this.regions = regions;
        this.key = key;
        this.json = json;
        this.clock = clock;
        this.directory = directory;
    }

    /** Writes the caller's lines of the day to {@code out} (not closed); checks scope, key and day before the first byte. */
    @Transactional(readOnly = true)
    public FeedManifest write(Actor actor, LocalDate day, String region, String sector, OutputStream out) {
        OversightScope scope = OversightScope.of(actor, region, sector);
        return write(scope, requireDay(day), out);
    }

    /** The signature file of the caller's lines of the day (the lines are generated again and hashed, not kept). */
    @Transactional(readOnly = true)
    public FeedManifest manifest(Actor actor, LocalDate day, String region, String sector) {
        return write(actor, day, region, sector, OutputStream.nullOutputStream());
    }

    /** The public key supervision platforms verify with, and its id. */
    public Map<String, String> publicKey() {
        return Map.of("keyId", key.keyId(), "algorithm", "Ed25519", "publicKeyPem", key.publicKeyPem());
    }

    /**
     * The daily job: the nationwide feed of today's snapshot into the feed directory ({@code <day>.jsonl} and
     * {@code <day>.jsonl.sig}), each written to a temporary file and moved into place, so a reader never sees half a
     * file and a second instance running it too only rewrites the same bytes. Nothing to do without a directory or key.
     */
    @Transactional(readOnly = true)
    public Path exportToday() throws IOException {
        LocalDate day = LocalDate.now(clock.withZone(BalanceDashboard.SHANGHAI));
        if (directory.isBlank() || !key.configured() || snapshots.latestRun(day).filter(r -> r.day().equals(day)).isEmpty()) {
            log.info("oversight feed of {} not written (directory, key or snapshot missing)", day);
            return null;
        }
        Path folder = Files.createDirectories(Path.of(directory));
        Path data = folder.resolve(day + ".jsonl");
        Path temporary = Files.createTempFile(folder, day.toString(), ".part");
        FeedManifest manifest;
        try (OutputStream out = Files.newOutputStream(temporary)) {
            manifest = write(new OversightScope(RegionView.COUNTRY, RegionView.COUNTRY, null), day, out);
        }
        Path signature = Files.createTempFile(folder, day.toString(), ".part");
        Files.writeString(signature, json.writeValueAsString(manifest) + "\n");
        Files.move(temporary, data, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(signature, folder.resolve(day + ".jsonl.sig"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        log.info("oversight feed of {}: {} lines to {}", day, manifest.lines(), data);
        return data;
    }

    private LocalDate requireDay(LocalDate day) {
        if (day == null) {
            throw Rejection.invalid("day", "day is required (yyyy-MM-dd)");
        }
        if (snapshots.latestRun(day).filter(r -> r.day().equals(day)).isEmpty()) {
            throw Rejection.notFound("balance snapshot of " + day);
        }
        return day;
    }

    private FeedManifest write(OversightScope scope, LocalDate day, OutputStream out) {
        if (!key.configured()) {
            key.keyId();   // answers "not configured"
        }
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long[] lines = {0};
        DigestOutputStream digest = new DigestOutputStream(out, sha256);
        snapshots.eachFeedLine(day, scope.regionPrefix(), scope.sector(), (row, creditCode) -> {
            try {
                digest.write(json.writeValueAsBytes(line(day, row, creditCode)));
                digest.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            lines[0]++;
        });
        try {
            digest.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String hash = HexFormat.of().formatHex(sha256.digest());
        String text = FeedManifest.signedText(day, scope.region(), scope.sector(), lines[0], hash);
        return new FeedManifest(FeedManifest.FORMAT, day, scope.region(), scope.sector(), lines[0], hash, key.keyId(),
                key.sign(text));
    }

    /** One line: names and codes, amounts in fen (integers, never floating point). */
    private Map<String, Object> line(LocalDate day, BalanceDashboardView.MerchantRow row, String creditCode) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("day", day.toString());
        line.put("merchantId", row.merchantId().toString());
        line.put("creditCode", creditCode);
        line.put("legalName", row.legalName());
        line.put("regionCode", row.regionCode());
        line.put("regionName", regions.fullName(row.regionCode(), Locale.SIMPLIFIED_CHINESE));
        line.put("sector", row.sector());
        BalanceFigures f = row.figures();
        line.put("liveCards", f.liveCards());
        line.put("outstandingFen", f.outstanding().amountMinor());
        line.put("escrowFen", f.escrow().amountMinor());
        line.put("advanceFen", f.advance().amountMinor());
        line.put("depositFen", f.deposit().amountMinor());
        line.put("insuredFen", f.insured().amountMinor());
        line.put("uncoveredFen", f.uncovered().amountMinor());
        return line;
    }
}
