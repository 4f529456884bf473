package org.fangxin.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every published problem code has a title and a generic detail in Chinese and English, and every bundle key a
 * rejection names with {@code withMessage("…")} exists in both languages: a caller never sees a bare key or English in
 * a Chinese answer because a text was forgotten. Reads the source, so a new code or key is checked the day it is added.
 */
class ProblemTextsTests {

    private static final Pattern PROBLEM_TYPE = Pattern.compile("new ProblemType\\(\\s*\"([a-z0-9-]+)\"");
    private static final Pattern MESSAGE_KEY = Pattern.compile("withMessage\\(\\s*\"([A-Za-z0-9_.-]+)\"");
    private static final Pattern CODE_LITERAL = Pattern.compile("problem\\(\\s*\"([a-z0-9-]+)\"");

    @Test
    void everyProblemCodeHasATitleAndDetailInBothLanguages() throws IOException {
        Properties chinese = bundle("i18n/problems.properties");
        Properties english = bundle("i18n/problems_en.properties");
        Set<String> codes = matches(PROBLEM_TYPE);
        codes.addAll(matches(CODE_LITERAL));

        assertThat(codes).hasSizeGreaterThan(50);
        for (String code : codes) {
            for (String part : new String[] {".title", ".detail"}) {
                assertThat(chinese).as("zh problem." + code + part).containsKey("problem." + code + part);
                assertThat(english).as("en problem." + code + part).containsKey("problem." + code + part);
            }
        }
    }

    @Test
    void everyMessageKeyARejectionNamesExistsInBothLanguages() throws IOException {
        Properties chinese = allBundles("");
        Properties english = allBundles("_en");
        for (String key : matches(MESSAGE_KEY)) {
            assertThat(chinese).as("zh " + key).containsKey(key);
            assertThat(english).as("en " + key).containsKey(key);
        }
    }

    @Test
    void chineseDetailsAreChinese() throws IOException {
        Properties chinese = bundle("i18n/problems.properties");
        for (String key : chinese.stringPropertyNames()) {
            if (key.endsWith(".detail") || key.endsWith(".title")) {
                assertThat(chinese.getProperty(key)).as(key).containsPattern("\\p{IsHan}");
            }
        }
    }

    private static Set<String> matches(Pattern pattern) throws IOException {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher matcher = pattern.matcher(Files.readString(file));
                while (matcher.find()) {
                    found.add(matcher.group(1));
                }
            }
        }
        return found;
    }

    private static Properties allBundles(String suffix) throws IOException {
        Properties all = new Properties();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/i18n"))) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                boolean english = name.endsWith("_en.properties");
                if (suffix.isEmpty() != english) {
                    all.putAll(bundle("i18n/" + name));
                }
            }
        }
        return all;
    }

    private static Properties bundle(String resource) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(
                ProblemTextsTests.class.getClassLoader().getResourceAsStream(resource), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
