package org.fangxin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies Spring Modulith's generated diagrams and canvases into the docs in a stable order. The Documenter writes
 * relations and canvas list items in hash-set order, so every run reordered them and left the tree dirty: here each run
 * of {@code Rel(…)} lines and each canvas cell's list is sorted (neither order means anything), and a file is written
 * only when its sorted content differs from what the docs hold.
 */
final class StableModuleDocs {

    private StableModuleDocs() {
    }

    static void copy(Path generated, Path docs) {
        try (Stream<Path> files = Files.list(generated)) {
            Files.createDirectories(docs);
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                String stable = stable(name, Files.readString(file, StandardCharsets.UTF_8));
                Path target = docs.resolve(name);
                if (!Files.exists(target) || !Files.readString(target, StandardCharsets.UTF_8).equals(stable)) {
                    Files.writeString(target, stable, StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String stable(String fileName, String text) {
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        List<String> lines = List.of(text.split("\r?\n", -1));
        List<String> sorted = fileName.endsWith(".adoc") ? sortCellLists(lines) : sortRelations(lines);
        return String.join(newline, sorted);
    }

    /** Sorts each run of consecutive PlantUML relation lines. */
    static List<String> sortRelations(List<String> lines) {
        List<String> out = new ArrayList<>();
        List<String> run = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("Rel(")) {
                run.add(line);
                continue;
            }
            run.sort(Comparator.naturalOrder());
            out.addAll(run);
            run.clear();
            out.add(line);
        }
        run.sort(Comparator.naturalOrder());
        out.addAll(run);
        return out;
    }

    /**
     * Sorts the items of each table cell's list ({@code |* first}, then {@code * next}); an item keeps its continuation
     * lines (a {@code +} and the paragraph after it) and loses its blank ones. A line starting with {@code |} ends the
     * cell.
     */
    static List<String> sortCellLists(List<String> lines) {
        List<String> out = new ArrayList<>();
        List<List<String>> items = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("|* ")) {
                flush(items, out);
                items.add(new ArrayList<>(List.of(line.substring(1))));
            } else if (!items.isEmpty() && line.startsWith("* ")) {
                items.add(new ArrayList<>(List.of(line)));
            } else if (!items.isEmpty() && !line.startsWith("|")) {
                items.get(items.size() - 1).add(line);
            } else {
                flush(items, out);
                out.add(line);
            }
        }
        flush(items, out);
        return out;
    }

    private static void flush(List<List<String>> items, List<String> out) {
        if (items.isEmpty()) {
            return;
        }
        // the Documenter puts a blank line after one item or another; a blank line inside a list changes nothing
        items.forEach(item -> item.removeIf(String::isBlank));
        items.sort(Comparator.comparing((List<String> item) -> String.join("\n", item)));
        out.add("|" + items.get(0).get(0));
        out.addAll(items.get(0).subList(1, items.get(0).size()));
        items.subList(1, items.size()).forEach(out::addAll);
        items.clear();
    }
}
