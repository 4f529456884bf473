package org.fangxin.shared.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every watched folder (bank statements, risk feeds) does the same way: the scan loop, and the moves of a file
 * to {@code processing/} (atomic, so two instances never both take it), then to {@code processed/} or to
 * {@code failed/} next to a {@code <name>.error.txt} saying why. What a file means stays with its module.
 */
public final class WatchedFolders {

    private static final Logger log = LoggerFactory.getLogger(WatchedFolders.class);

    /** Takes one file of the folder: what happened to it, or null when another instance took it first. */
    @FunctionalInterface
    public interface Taker<T> {
        T take(Path file) throws IOException;
    }

    private WatchedFolders() {
    }

    /**
     * Takes the folder's regular files that {@code accepts} in name order; a file that cannot be handled (I/O) is
     * logged and left for the next scan. A folder that does not exist or cannot be listed gives nothing.
     */
    public static <T> List<T> scan(Path folder, Predicate<Path> accepts, Taker<T> taker) {
        List<T> outcomes = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            log.warn("watched folder {} does not exist", folder);
            return outcomes;
        }
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                if (Files.isRegularFile(file) && accepts.test(file)) {
                    candidates.add(file);
                }
            }
        } catch (IOException e) {
            log.error("cannot list watched folder {}: {}", folder, e.toString());
            return outcomes;
        }
        candidates.sort(null);
        for (Path file : candidates) {
            try {
                T outcome = taker.take(file);
                if (outcome != null) {
                    outcomes.add(outcome);
                }
            } catch (IOException e) {
                log.error("watched file {} could not be handled: {}", file, e.toString());
            }
        }
        return outcomes;
    }

    /** Moves the file to {@code processing/}: where it is now, or null when it is gone (another instance took it). */
    public static Path claim(Path folder, Path file) throws IOException {
        Path processing = Files.createDirectories(folder.resolve("processing")).resolve(file.getFileName());
        try {
            move(file, processing);
            return processing;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Moves a handled file to {@code processed/}. */
    public static void processed(Path folder, Path file) throws IOException {
        move(file, Files.createDirectories(folder.resolve("processed")).resolve(file.getFileName()));
    }

    /** Moves a refused file to {@code failed/} and writes the reason next to it. */
    public static void failed(Path folder, Path file, String error) throws IOException {
        Path failed = Files.createDirectories(folder.resolve("failed"));
        String name = file.getFileName().toString();
        move(file, failed.resolve(name));
        Files.writeString(failed.resolve(name + ".error.txt"), error + System.lineSeparator(), StandardCharsets.UTF_8);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
