package org.fangxin.shared;

import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.function.Function;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * The words of problem documents in the caller's language (zh-CN by default, en), from the message bundles
 * {@code i18n/problems*.properties}: {@code problem.<code>.title}, {@code problem.<code>.detail} (the generic detail of
 * a code) and any key a {@link Rejection#withMessage rejection names}. The {@code type} URI and {@code code} never
 * change with the language. English details without a key are the text the code wrote.
 */
@Component
public class ProblemTexts {

    public static final String PROBLEM_BASE = "https://fangxin.org/problems/";

    private final MessageSource messages;
    private final LocaleResolver locales;
    private final JsonMapper json;
    private final Function<Rejection, String> localizer = rejection -> detail(rejection, LocaleContextHolder.getLocale());

    ProblemTexts(MessageSource messages, LocaleResolver locales, JsonMapper json) {
        this.messages = messages;
        this.locales = locales;
        this.json = json;
        Rejection.localizeWith(localizer);
    }

    @PreDestroy
    void uninstall() {
        Rejection.stopLocalizingWith(localizer);
    }

    /** The caller's language: the {@code fangxin-lang} cookie, else Accept-Language, else Chinese. */
    public Locale locale(HttpServletRequest request) {
        return supported(locales.resolveLocale(request));
    }

    /** The problem document of a rejection, with its extra properties. */
    public ProblemDetail problem(Rejection rejection, Locale locale) {
        ProblemDetail problem = problem(rejection.type().slug(), rejection.type().status(), detail(rejection, locale), locale);
        rejection.properties().forEach(problem::setProperty);
        return problem;
    }

    /**
     * A problem document of a published code whose detail is a bundle key (with {@code {0}} arguments); the English
     * bundle's text is the detail for English callers.
     */
    public ProblemDetail problem(String code, int status, Locale locale, String detailKey, Object... arguments) {
        return problem(code, status, text(detailKey, arguments, locale), locale);
    }

    /** A problem document with the given, already localized detail. */
    public ProblemDetail problem(String code, int status, String detail, Locale locale) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
        problem.setType(URI.create(PROBLEM_BASE + code));
        problem.setTitle(title(code, status, locale));
        problem.setProperty("code", code);
        return problem;
    }

    /** The short title of a code, e.g. 找不到 / Not found; the HTTP status's title when the code has none. */
    public String title(String code, int status, Locale locale) {
        Locale language = supported(locale);
        String byStatus = messages.getMessage("problem.status." + status, null, null, language);
        String fallback = byStatus != null ? byStatus : reasonPhrase(status);
        return messages.getMessage("problem." + code + ".title", null, fallback, language);
    }

    /** The detail of a rejection in the given language (see the class comment for the order of preference). */
    public String detail(Rejection rejection, Locale locale) {
        Locale language = supported(locale);
        if (rejection.messageKey() != null) {
            return messages.getMessage(rejection.messageKey(), rejection.messageArguments(), rejection.getMessage(), language);
        }
        if (isEnglish(language)) {
            return rejection.getMessage();
        }
        String generic = messages.getMessage("problem." + rejection.type().slug() + ".detail", null, rejection.getMessage(), language);
        Object field = rejection.properties().get("field");
        return field == null ? generic : generic + text("problem.field-suffix", new Object[] {fieldLabel(field.toString(), language)}, language);
    }

    /** A bundle text in the given language. */
    public String text(String key, Object[] arguments, Locale locale) {
        return messages.getMessage(key, arguments, key, supported(locale));
    }

    /** A resolvable message (a validation error, say) in the given language. */
    public String text(MessageSourceResolvable resolvable, Locale locale) {
        return messages.getMessage(resolvable, supported(locale));
    }

    /**
     * Writes a problem document where no message converter runs (servlet filters, the container's error valve):
     * the standard members first, then the extra ones.
     */
    public void write(ProblemDetail problem, HttpServletResponse response) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(problem.getType()));
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        response.setStatus(problem.getStatus());
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json.writeValueAsString(body));
    }

    /** The readable name of a request field ({@code problem.field.<name>}), or the field itself. */
    public String fieldLabel(String field, Locale locale) {
        return messages.getMessage("problem.field." + field, null, field, supported(locale));
    }

    public static boolean isEnglish(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }

    /** English or Simplified Chinese: every other language gets Chinese, the platform's language. */
    public static Locale supported(Locale locale) {
        return isEnglish(locale) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
    }

    private static String reasonPhrase(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }
}
