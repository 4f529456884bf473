package org.fangxin.shared.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import org.fangxin.shared.ProblemTexts;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Replaces Spring Boot's error controller (its JSON and its Whitelabel page): whatever reached the container's error
 * dispatch (a refused page, an unknown address, a request the firewall rejected, an exception in a filter or
 * controller) is answered as a problem document, or for people as a page in the site's layout. A database that
 * cannot be reached is a 503 with Retry-After; any other exception a 500 that says nothing about the implementation.
 */
@Controller
class ErrorPages implements ErrorController {

    private static final Map<Integer, String> CODES = Map.of(400, "invalid-input", 401, "unauthenticated", 403, "forbidden",
            404, "not-found", 405, "method-not-allowed", 406, "not-acceptable", 413, "payload-too-large",
            415, "unsupported-media-type", 503, ProblemAnswers.SERVICE_UNAVAILABLE);

    private final ProblemAnswers answers;
    private final ProblemTexts texts;

    ErrorPages(ProblemAnswers answers) {
        this.answers = answers;
        this.texts = answers.texts();
    }

    @RequestMapping("/error")
    Object error(HttpServletRequest request, HttpServletResponse response) {
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = statusAttribute instanceof Integer given ? given : 404;
        if (failure != null && Failures.databaseUnavailable(failure)) {
            return answers.unavailable(request, response);
        }
        if (failure != null && Failures.causeOf(failure, org.fangxin.shared.Busy.class) != null) {
            return answers.busy(request, response);
        }
        if (failure != null && Failures.causeOf(failure, RequestRejectedException.class) != null) {
            status = 400;
        }
        Locale locale = texts.locale(request);
        String code = CODES.getOrDefault(status, status >= 500 ? "internal-error" : "invalid-input");
        String detailKey = status == 400 && (failure != null || suspiciousPath(request)) ? "problem.web.path-invalid"
                : "problem." + code + ".detail";
        return answers.answer(texts.problem(code, status, locale, detailKey), request, response);
    }

    /** The request line held what the firewall refuses: an encoded or doubled separator, a semicolon, a backslash. */
    private static boolean suspiciousPath(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? "" : uri.toString();
        return path.contains(";") || path.contains("%") || path.contains("\\") || path.contains("//");
    }
}
