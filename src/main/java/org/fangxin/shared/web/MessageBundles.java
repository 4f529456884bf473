package org.fangxin.shared.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The page and message texts: every bundle under {@code i18n/} on the classpath, found at start. Each module owns its
 * bundle ({@code i18n/<module>.properties} in Chinese, {@code _en} in English); a new module's bundle is picked up
 * without a shared list that every module would have to edit.
 */
@Configuration(proxyBeanMethods = false)
class MessageBundles {

    private static final Pattern LOCALE_SUFFIX = Pattern.compile(".*_[a-z]{2}(_[A-Z]{2})?$");

    @Bean
    MessageSource messageSource() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasenames(basenames());
        source.setDefaultEncoding(StandardCharsets.UTF_8.name());
        source.setFallbackToSystemLocale(false);
        return source;
    }

    static String[] basenames() {
        try {
            Resource[] found = new PathMatchingResourcePatternResolver().getResources("classpath*:i18n/*.properties");
            return Arrays.stream(found)
                    .map(Resource::getFilename)
                    .filter(Objects::nonNull)
                    .map(name -> name.substring(0, name.length() - ".properties".length()))
                    .filter(name -> !LOCALE_SUFFIX.matcher(name).matches())
                    .distinct()
                    .sorted()
                    .map(name -> "i18n/" + name)
                    .toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
