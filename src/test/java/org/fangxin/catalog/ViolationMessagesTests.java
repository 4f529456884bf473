package org.fangxin.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.fangxin.catalog.domain.Listing;
import org.fangxin.rules.Violation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every violation a page can show has a message in Chinese and English. */
class ViolationMessagesTests {

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (var in = ViolationMessagesTests.class.getResourceAsStream("/i18n/" + name + ".properties")) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "_en"})
    void everyViolationHasAMessage(String suffix) throws Exception {
        Properties messages = new Properties();
        messages.putAll(bundle("rules" + suffix));
        messages.putAll(bundle("catalog" + suffix));
        List<String> codes = new ArrayList<>(List.of(Listing.LEASE_RULE));
        for (Field field : Violation.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                codes.add((String) field.get(null));
            }
        }

        assertThat(codes).hasSizeGreaterThan(10).allSatisfy(code -> assertThat(messages).containsKey("violation." + code));
    }
}
