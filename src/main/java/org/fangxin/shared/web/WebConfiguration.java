package org.fangxin.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.fangxin.shared.ProblemTexts;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Pages speak Simplified Chinese by default; {@code ?lang=en} switches and a cookie remembers the choice. Without the
 * cookie (API callers, a first visit) the caller's Accept-Language decides between Chinese and English.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final List<PageAttributes> pageAttributes;

    WebConfiguration(List<PageAttributes> pageAttributes) {
        this.pageAttributes = pageAttributes;
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("fangxin-lang");
        resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        resolver.setDefaultLocaleFunction(WebConfiguration::acceptedLanguage);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        return resolver;
    }

    /** The first of Chinese or English in Accept-Language order of preference; Chinese when neither is named. */
    static Locale acceptedLanguage(HttpServletRequest request) {
        String header = request.getHeader("Accept-Language");
        if (header == null || header.isBlank()) {
            return Locale.SIMPLIFIED_CHINESE;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                String language = range.getRange().split("-", 2)[0];
                if (language.equals("en") || language.equals("zh")) {
                    return ProblemTexts.supported(Locale.forLanguageTag(language));
                }
            }
        } catch (IllegalArgumentException malformed) {
            // a malformed header is no reason to refuse a request: use the platform's language
        }
        return Locale.SIMPLIFIED_CHINESE;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
        interceptor.setParamName("lang");
        interceptor.setIgnoreInvalidLocale(true);
        registry.addInterceptor(interceptor);
        registry.addInterceptor(new PageAttributesInterceptor(pageAttributes));
    }
}
