package org.fangxin.shared.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Online physical backup of the embedded PostgreSQL, with nothing but the service's jar: PostgreSQL's backup API
 * ({@code pg_backup_start} / {@code pg_backup_stop} in one session) around a copy of the data directory into a zip,
 * then the WAL written meanwhile and the backup label. Restoring is unzipping into an empty directory: on its first
 * start PostgreSQL replays that WAL to a consistent state. (The embedded binaries have no pg_dump, and the system's
 * pg_dump 15 refuses a PostgreSQL 17 server.)
 *
 * <pre>
 * java -cp target/fangxin.jar -Dloader.main=org.fangxin.shared.database.EmbeddedBackup \
 *      org.springframework.boot.loader.launch.PropertiesLauncher backup data/postgres backups/fangxin.zip
 * ... restore backups/fangxin.zip /new/empty/dir
 * </pre>
 */
public final class EmbeddedBackup {

    /** Files a running server owns that a copy must not carry (they describe the running process, not the data). */
    static final Set<String> SKIPPED = Set.of("postmaster.pid", "postmaster.opts", EmbeddedOrphans.LOCK_FILE, "backup_label.old");
    static final Set<String> EMPTIED = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots",
            "pg_stat_tmp", "pg_subtrans");
    private static final Pattern START_SEGMENT = Pattern.compile("START WAL LOCATION: \\S+ \\(file ([0-9A-F]{24})\\)");

    private EmbeddedBackup() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("backup")) {
            backup(Path.of(args[1]), Path.of(args[2]));
            System.out.println("backup written: " + args[2]);
        } else if (args.length == 3 && args[0].equals("restore")) {
            restore(Path.of(args[1]), Path.of(args[2]));
            System.out.println("restored into " + args[2] + "; start the service with FANGXIN_DATA_DIR=" + args[2]);
        } else {
            System.err.println("usage: EmbeddedBackup backup <data-dir> <file.zip> | restore <file.zip> <empty-dir>");
            System.exit(2);
        }
    }

    /** Backs up the running server of {@code dataDir} into {@code zip} while it keeps serving. */
    public static void backup(Path dataDir, Path zip) throws IOException, SQLException {
        Path directory = dataDir.toAbsolutePath();
        List<String> pid = Files.readAllLines(directory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
        String url = "jdbc:postgresql://127.0.0.1:" + pid.get(3).trim() + "/postgres";
        if (zip.toAbsolutePath().getParent() != null) {
            Files.createDirectories(zip.toAbsolutePath().getParent());
        }
        try {
            Class.forName("org.postgresql.Driver");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the PostgreSQL driver is not on the class path", e);
        }
        try (Connection session = DriverManager.getConnection(url, "postgres", "");
             Statement sql = session.createStatement();
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            sql.execute("select pg_backup_start('fangxin-backup', true)");
            copyData(directory, out);
            String label;
            try (ResultSet stop = sql.executeQuery("select labelfile from pg_backup_stop(false)")) {
                stop.next();
                label = stop.getString(1);
            }
            List<String> segments = copyWal(directory, out);
            Matcher start = START_SEGMENT.matcher(label);
            if (!start.find() || !segments.contains(start.group(1))) {
                throw new IOException("the WAL the backup starts from was recycled during the copy; take the backup again");
            }
            add(out, "backup_label", label.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Unzips a backup into an empty directory, with the permissions PostgreSQL insists on. */
    public static void restore(Path zip, Path target) throws IOException {
        Path directory = target.toAbsolutePath();
        Files.createDirectories(directory);
        try (Stream<Path> existing = Files.list(directory)) {
            if (existing.findAny().isPresent()) {
                throw new IOException(directory + " is not empty");
            }
        }
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path to = directory.resolve(entry.getName()).normalize();
                if (!to.startsWith(directory)) {
                    throw new IOException("a backup entry points outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(to);
                    continue;
                }
                Files.createDirectories(to.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, to);
                }
            }
        }
        for (String empty : EMPTIED) {
            Files.createDirectories(directory.resolve(empty));
        }
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
    }

    private static void copyData(Path directory, ZipOutputStream out) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.toList()) {
                Path relative = directory.relativize(file);
                if (relative.toString().isEmpty() || SKIPPED.contains(relative.toString())
                        || EMPTIED.contains(relative.getName(0).toString())) {
                    continue;
                }
                if (Files.isDirectory(file)) {
                    out.putNextEntry(new ZipEntry(relative + "/"));
                    out.closeEntry();
                } else if (Files.isRegularFile(file)) {
                    copy(file, relative.toString(), out);
                }
            }
        }
    }

    /** The WAL segments present after the backup stopped (and its history files); answers the segment names. */
    private static List<String> copyWal(Path directory, ZipOutputStream out) throws IOException {
        Path wal = directory.resolve("pg_wal");
        try (Stream<Path> files = Files.list(wal)) {
            List<Path> segments = files.filter(Files::isRegularFile).sorted().toList();
            for (Path segment : segments) {
                copy(segment, "pg_wal/" + segment.getFileName(), out);
            }
            return segments.stream().map(p -> p.getFileName().toString()).toList();
        }
    }

    private static void copy(Path file, String name, ZipOutputStream out) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(out);
        } catch (java.nio.file.NoSuchFileException vanished) {
            // a temporary file the server removed during the copy: the WAL replay recreates what matters
        }
        out.closeEntry();
    }

    private static void add(ZipOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        OutputStream entry = out;
        entry.write(content);
        out.closeEntry();
    }
}
