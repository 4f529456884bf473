package org.fangxin.shared.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.fangxin.shared.ProblemTexts;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The servlet container's last word on an error no servlet answered: Tomcat refuses some request lines before any
 * filter runs (an encoded slash, backslash, NUL or invalid UTF-8 in the path) and its default valve answers those with
 * an HTML page naming the server. This one writes the same RFC 9457 document the application writes, in the caller's
 * language, and never a stack trace or server version. Tomcat creates it by class name, so it reads the problem
 * bundles itself.
 */
public class ProblemReportValve extends ErrorReportValve {

    private static final ResourceBundleMessageSource TEXTS = new ResourceBundleMessageSource();

    static {
        TEXTS.setBasenames("i18n/problems");
        TEXTS.setDefaultEncoding(StandardCharsets.UTF_8.name());
        TEXTS.setFallbackToSystemLocale(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        Locale locale = ProblemTexts.supported(Locale.forLanguageTag(languageOf(request.getHeader("Accept-Language"))));
        String code = status == 404 ? "not-found" : status >= 500 ? "internal-error" : "invalid-input";
        String detailKey = status == 400 ? "problem.web.path-invalid" : "problem." + code + ".detail";
        String body = "{\"type\":\"" + ProblemTexts.PROBLEM_BASE + code + "\",\"title\":\"" + json(text("problem." + code + ".title", locale))
                + "\",\"status\":" + status + ",\"detail\":\"" + json(text(detailKey, locale)) + "\",\"code\":\"" + code + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response already committed: nothing more can be said
        }
    }

    private static String text(String key, Locale locale) {
        return TEXTS.getMessage(key, null, key, locale);
    }

    private static String languageOf(String acceptLanguage) {
        if (acceptLanguage == null) {
            return "zh-CN";
        }
        String first = acceptLanguage.split(",", 2)[0].split(";", 2)[0].trim();
        return first.isEmpty() ? "zh-CN" : first;
    }

    private static String json(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
