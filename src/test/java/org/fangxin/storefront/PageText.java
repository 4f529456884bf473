package org.fangxin.storefront;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Month;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.classreading.CachingMetadataReaderFactory;
import org.springframework.core.type.classreading.MetadataReader;

/**
 * What must not show on a page in Chinese: an enum code of ours (PAID, SPORTS_FITNESS, CONSUMER, MONDAY ...), a
 * sentence of the English message bundles, any other run of four or more English words (a backend text), a missing
 * message ("??key??"), or a UTC timestamp (2026-03-02T02:00). Data people typed (names) is the pages' business.
 */
final class PageText {

    private static final Pattern ENGLISH_RUN = Pattern.compile("[A-Za-z]{2,}(?:[ ,'’-]+[A-Za-z]{2,}){3,}");
    private static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");
    private static final Pattern MISSING = Pattern.compile("\\?\\?[A-Za-z0-9_.]+\\?\\?");
    private static final Pattern WORD = Pattern.compile("\\b[A-Z][A-Z0-9_]{2,}\\b");

    /** Abbreviations Chinese pages use as they are (file formats, standards). */
    private static final Set<String> ABBREVIATIONS = Set.of("CSV", "JSON", "XLSX", "API", "PDF", "XML", "ISO", "SHA", "UTF", "SMS", "URL");

    private final Set<String> enumCodes;
    private final List<String> englishSentences;

    private PageText(Set<String> enumCodes, List<String> englishSentences) {
        this.enumCodes = enumCodes;
        this.englishSentences = englishSentences;
    }

    static PageText load() {
        return new PageText(enumCodes(), englishSentences());
    }

    /** The problems of a page's visible text, each with a short excerpt. */
    List<String> problems(String text) {
        List<String> problems = new ArrayList<>();
        Matcher words = WORD.matcher(text);
        while (words.find()) {
            if (enumCodes.contains(words.group()) && !ABBREVIATIONS.contains(words.group())) {
                problems.add("enum code " + words.group() + " in «" + around(text, words.start()) + "»");
            }
        }
        for (String sentence : englishSentences) {
            int at = text.indexOf(sentence);
            if (at >= 0) {
                problems.add("English message «" + sentence + "»");
            }
        }
        Matcher english = ENGLISH_RUN.matcher(text);
        while (english.find()) {
            problems.add("English text «" + english.group() + "»");
        }
        Matcher missing = MISSING.matcher(text);
        while (missing.find()) {
            problems.add("missing message " + missing.group());
        }
        Matcher iso = ISO_INSTANT.matcher(text);
        while (iso.find()) {
            problems.add("UTC timestamp «" + around(text, iso.start()) + "»");
        }
        return problems;
    }

    private static String around(String text, int at) {
        return text.substring(Math.max(0, at - 20), Math.min(text.length(), at + 30)).replace('\n', ' ');
    }

    /** The constants of every enum under org.fangxin (3+ characters), and the days and months of java.time. */
    private static Set<String> enumCodes() {
        Set<String> codes = new LinkedHashSet<>();
        Arrays.stream(DayOfWeek.values()).forEach(d -> codes.add(d.name()));
        Arrays.stream(Month.values()).forEach(m -> codes.add(m.name()));
        try {
            var resolver = new PathMatchingResourcePatternResolver();
            var readers = new CachingMetadataReaderFactory(resolver);
            for (Resource resource : resolver.getResources("classpath*:org/fangxin/**/*.class")) {
                MetadataReader reader = readers.getMetadataReader(resource);
                if (!"java.lang.Enum".equals(reader.getClassMetadata().getSuperClassName())) {
                    continue;
                }
                Class<?> type = Class.forName(reader.getClassMetadata().getClassName());
                for (Object constant : type.getEnumConstants()) {
                    String name = ((Enum<?>) constant).name();
                    if (name.length() >= 3) {
                        codes.add(name);
                    }
                }
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return codes;
    }

    /** Fragments (3+ words, between placeholders) of every English bundle message. */
    private static List<String> englishSentences() {
        List<String> sentences = new ArrayList<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:i18n/*_en.properties")) {
                Properties properties = new Properties();
                try (InputStream in = resource.getInputStream()) {
                    properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
                }
                for (String value : properties.stringPropertyNames().stream().map(properties::getProperty).toList()) {
                    for (String fragment : value.split("\\{[0-9]+[^}]*}|''|[():;]")) {
                        String trimmed = fragment.strip();
                        if (trimmed.split("\\s+").length >= 3 && trimmed.matches("[A-Za-z][A-Za-z ,.'’-]+[A-Za-z]")) {
                            sentences.add(trimmed);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sentences;
    }
}
