package org.fangxin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every text has both languages (zh-CN, the default, and en): each module bundle and its {@code _en} twin hold the
 * same keys, and every notice key has a subject and a body (ADR 11), so no reader falls back to the other language.
 */
class MessageBundleTests {

    @Test
    void everyBundleHasTheSameKeysInChineseAndEnglishAndNoticesHaveSubjectAndBody() throws IOException {
        Resource[] english = new PathMatchingResourcePatternResolver().getResources("classpath*:i18n/*_en.properties");
        assertThat(english).isNotEmpty();
        for (Resource en : english) {
            String name = en.getFilename();
            Resource zh = en.createRelative(name.replace("_en.properties", ".properties"));
            TreeSet<String> zhKeys = keys(zh);
            TreeSet<String> enKeys = keys(en);
            assertThat(enKeys).as(name + " against its Chinese bundle").containsExactlyElementsOf(zhKeys);
            for (String key : zhKeys) {
                if (key.matches(".*\\.(notice|notify)\\..*\\.subject")) { // a notice, not a form field named "subject"
                    assertThat(zhKeys).as("body of " + key).contains(key.replaceAll("\\.subject$", ".body"));
                }
            }
        }
    }

    private static TreeSet<String> keys(Resource bundle) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = bundle.getInputStream(); Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return new TreeSet<>(properties.stringPropertyNames());
    }
}
