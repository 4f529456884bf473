package org.fangxin.risk.feed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.fangxin.risk.FeedImportView;
import org.fangxin.risk.RiskFeeds;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.files.WatchedFolders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The watched folder ({@code fangxin.risk.feed.directory}, off when empty): each {@code *.csv} / {@code *.json} is
 * moved atomically to {@code processing/} (so two instances never take the same file), imported, then moved to
 * {@code processed/} (a repeated file too: the import changed nothing) or to {@code failed/} next to a
 * {@code <name>.error.txt} naming the failing line. The provider is the part of the file name before {@code __}.
 */
@Component
public class FeedFolder {

    private static final Logger log = LoggerFactory.getLogger(FeedFolder.class);

    /** What happened to one file: IMPORTED, REPEATED or FAILED (with the reason). */
    public record Outcome(String fileName, String result, FeedImportView file, String error) { }

    private final RiskFeeds feeds;
    private final String directory;

    FeedFolder(RiskFeeds feeds, @Value("${fangxin.risk.feed.directory:}") String directory) {
        this.feeds = feeds;
        this.directory = directory;
    }

    public boolean enabled() {
        return directory != null && !directory.isBlank();
    }

    public Path directory() {
        return Path.of(directory);
    }

    /** The job: scans the configured folder; nothing when it is off. */
    public List<Outcome> scan() {
        return enabled() ? scan(directory()) : List.of();
    }

    public List<Outcome> scan(Path folder) {
        return WatchedFolders.scan(folder, file -> format(file) != null, file -> take(folder, file));
    }

    private Outcome take(Path folder, Path file) throws IOException {
        String name = file.getFileName().toString();
        Path processing = WatchedFolders.claim(folder, file);
        if (processing == null) {
            return null; // another instance took it
        }
        try {
            if (Files.size(processing) > FeedParser.BYTES_MAX) {
                throw new FeedMalformed(0, "file", "the file is larger than " + FeedParser.BYTES_MAX + " bytes");
            }
            FeedImportView imported = feeds.importFromFolder(name, format(file), Files.readAllBytes(processing));
            WatchedFolders.processed(folder, processing);
            log.info("feed file {}: {} records, {} new, {} unchanged, {} corrected, {} quarantined{}", name,
                    imported.records(), imported.imported(), imported.unchanged(), imported.corrected(),
                    imported.quarantined(), imported.repeated() ? " (repeated file: nothing changed)" : "");
            return new Outcome(name, imported.repeated() ? "REPEATED" : "IMPORTED", imported, null);
        } catch (Rejection e) {
            WatchedFolders.failed(folder, processing, e.getMessage());
            log.warn("feed file {} refused: {}", name, e.getMessage());
            return new Outcome(name, "FAILED", null, e.getMessage());
        }
    }

    static FeedParser.Format format(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") ? FeedParser.Format.CSV : name.endsWith(".json") ? FeedParser.Format.JSON : null;
    }
}
