package org.fangxin.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every page text exists in both languages: each module's Chinese bundle has an English twin with the same keys, and
 * the English texts are English (a missing English key would fall back to the Chinese text on an English page).
 * Brand names stay Chinese in both.
 */
class MessageBundleParityTests {

    private static final Path BUNDLES = Path.of("src/main/resources/i18n");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final List<String> BRAND_NAMES = List.of("放心消费险", "安心付", "跑路赔", "放心");

    @Test
    void everyChineseBundleHasAnEnglishTwinWithTheSameKeysInEnglish() throws IOException {
        List<Path> chinese;
        try (Stream<Path> files = Files.list(BUNDLES)) {
            chinese = files.filter(f -> f.toString().endsWith(".properties") && !f.toString().endsWith("_en.properties"))
                    .sorted().toList();
        }
        assertThat(chinese).hasSizeGreaterThan(15);
        for (Path zh : chinese) {
            Path en = zh.resolveSibling(zh.getFileName().toString().replace(".properties", "_en.properties"));
            assertThat(en).as("English twin of " + zh.getFileName()).exists();
            Properties zhTexts = load(zh);
            Properties enTexts = load(en);
            assertThat(new TreeSet<>(enTexts.stringPropertyNames())).as("keys of " + en.getFileName())
                    .isEqualTo(new TreeSet<>(zhTexts.stringPropertyNames()));
            Set<String> chineseInEnglish = new TreeSet<>();
            for (String key : enTexts.stringPropertyNames()) {
                String text = enTexts.getProperty(key);
                for (String brand : BRAND_NAMES) {
                    text = text.replace(brand, "");
                }
                if (HAN.matcher(text).find()) {
                    chineseInEnglish.add(key);
                }
            }
            assertThat(chineseInEnglish).as("Chinese text in " + en.getFileName()).isEmpty();
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
