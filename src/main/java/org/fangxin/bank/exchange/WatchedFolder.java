package org.fangxin.bank.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fangxin.bank.format.MalformedBankFile;
import org.fangxin.bank.custodian.CustodianBanks;
import org.fangxin.bank.reconciliation.Reconciliations;
import org.fangxin.bank.reconciliation.RunDetail;
import org.fangxin.bank.reconciliation.StatementFormat;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Sha256;
import org.fangxin.shared.files.WatchedFolders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Imports statements dropped into a directory ({@code fangxin.bank.watch.directory}, off when empty): {@code *.xml} as
 * camt.053, {@code *.csv} in the default CSV layout. A file is claimed by a row keyed by the SHA-256 of its bytes
 * (two instances never both import it; the same bytes under another name are not imported again), moved atomically
 * to {@code processing/}, imported, then moved to {@code processed/}, or to {@code failed/} next to a
 * {@code <name>.error.txt} saying why. Files in the directory itself are the DEFAULT bank's statements; each other
 * custodian bank drops its statements into a sub-directory named by its code ({@code <directory>/<CODE>/}), imported
 * as that bank's (reconciled against its merchants only).
 */
@Component
public class WatchedFolder {

    public static final long FILE_BYTES_MAX = Reconciliations.FILE_BYTES_MAX;
    private static final Logger log = LoggerFactory.getLogger(WatchedFolder.class);

    /** What happened to one file. */
    public record Outcome(String fileName, String result, UUID importId, String error) { }

    private final Reconciliations reconciliations;
    private final CustodianBanks banks;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final String directory;

    WatchedFolder(Reconciliations reconciliations, CustodianBanks banks, JdbcClient jdbc, Clock clock,
                  @Value("${fangxin.bank.watch.directory:}") String directory) {
        this.reconciliations = reconciliations;
        this.banks = banks;
        this.jdbc = jdbc;
        this.clock = clock;
        this.directory = directory;
    }

    public boolean enabled() {
        return directory != null && !directory.isBlank();
    }

    /** The job: scans the configured directory and each bank's sub-directory; nothing when it is off. */
    public List<Outcome> scan() {
        return enabled() ? scanAllBanks(Path.of(directory)) : List.of();
    }

    /** The root (DEFAULT bank) and {@code <root>/<CODE>} of every other registered bank that has one. */
    public List<Outcome> scanAllBanks(Path root) {
        var outcomes = new ArrayList<>(scan(root));
        for (var bank : banks.all()) {
            Path folder = root.resolve(bank.code());
            if (!bank.code().equals(CustodianBanks.DEFAULT) && Files.isDirectory(folder)) {
                outcomes.addAll(scan(folder, bank.code()));
            }
        }
        return outcomes;
    }

    public List<Outcome> scan(Path folder) {
        return scan(folder, CustodianBanks.DEFAULT);
    }

    /** The statements in one folder, as the given bank's. */
    public List<Outcome> scan(Path folder, String bank) {
        return WatchedFolders.scan(folder, file -> format(file) != null, file -> take(folder, file, bank));
    }

    private Outcome take(Path folder, Path file, String bank) throws IOException {
        String name = file.getFileName().toString();
        byte[] content;
        try {
            if (Files.size(file) > FILE_BYTES_MAX) {
                return fail(folder, file, name, null, "the file is larger than " + FILE_BYTES_MAX + " bytes");
            }
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null; // another instance moved it
        }
        String sha256 = Sha256.hex(content);
        boolean claimed = jdbc.sql("""
                insert into bank.watched_file (sha256, file_name, claimed_at) values (:s, :n, :at) on conflict (sha256) do nothing
                """).param("s", sha256).param("n", name).param("at", Timestamp.from(clock.instant())).update() == 1;
        if (!claimed) {
            var finished = jdbc.sql("select finished_at is not null from bank.watched_file where sha256 = :s").param("s", sha256)
                    .query(Boolean.class).optional().orElse(false);
            if (!finished) {
                return null; // another instance is importing these bytes
            }
            return fail(folder, file, name, null, "the same file was already taken from the watched folder");
        }
        Path processing = WatchedFolders.claim(folder, file);
        if (processing == null) {
            finish(sha256, "FAILED", null, "file vanished before it could be claimed");
            return null;
        }
        try {
            RunDetail run = reconciliations.importFromBank(bank, format(file), content, name);
            WatchedFolders.processed(folder, processing);
            finish(sha256, "PROCESSED", run.run().importId(), null);
            log.info("watched file {} imported: {} lines, {} breaks", name, run.run().lineCount(), run.run().breakCount());
            return new Outcome(name, "PROCESSED", run.run().importId(), null);
        } catch (Rejection | MalformedBankFile e) {
            finish(sha256, "FAILED", null, e.getMessage());
            return fail(folder, processing, name, sha256, e.getMessage());
        }
    }

    private Outcome fail(Path folder, Path file, String name, String sha256, String error) throws IOException {
        WatchedFolders.failed(folder, file, error);
        log.warn("watched file {} failed: {}", name, error);
        return new Outcome(name, "FAILED", null, error);
    }

    private void finish(String sha256, String outcome, UUID importId, String error) {
        jdbc.sql("update bank.watched_file set finished_at = :at, outcome = :o, import_id = :i, error = :e where sha256 = :s")
                .param("at", Timestamp.from(clock.instant())).param("o", outcome).param("i", importId)
                .param("e", error == null || error.length() <= 2000 ? error : error.substring(0, 2000)).param("s", sha256).update();
    }

    private static StatementFormat format(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".xml") ? StatementFormat.CAMT053 : name.endsWith(".csv") ? StatementFormat.CSV : null;
    }
}
