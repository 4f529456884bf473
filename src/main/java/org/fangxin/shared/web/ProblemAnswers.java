package org.fangxin.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.Duration;
import org.fangxin.shared.ProblemTexts;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers a problem in the form the caller reads: API callers and htmx get the RFC 9457 document; people on pages get
 * the same problem as a page in the site's layout with the same status. Every answer carries the request id, so a
 * person can quote it and an operator can find the log lines.
 */
@Component
class ProblemAnswers {

    static final String SERVICE_UNAVAILABLE = "service-unavailable";
    static final String BUSY = "busy";

    private final ProblemTexts texts;
    private final Duration retryAfter;

    ProblemAnswers(ProblemTexts texts, @Value("${fangxin.web.unavailable-retry-after:PT10S}") Duration retryAfter) {
        this.texts = texts;
        this.retryAfter = retryAfter;
    }

    ProblemTexts texts() {
        return texts;
    }

    /** The document (with headers) or the page for this problem. */
    Object answer(ProblemDetail problem, HttpServletRequest request, HttpServletResponse response, HttpHeaders headers) {
        String requestId = MDC.get("requestId");
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        problem.setInstance(instance(request));
        if (wantsPage(request)) {
            headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
            ModelAndView page = new ModelAndView("shared/problem");
            page.addObject("problem", problem);
            page.setStatus(HttpStatusCode.valueOf(problem.getStatus()));
            return page;
        }
        return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
    }

    Object answer(ProblemDetail problem, HttpServletRequest request, HttpServletResponse response) {
        return answer(problem, request, response, new HttpHeaders());
    }

    /** 503 with Retry-After: the database cannot be reached; nothing was done, the same request may be retried. */
    Object unavailable(HttpServletRequest request, HttpServletResponse response) {
        return retryLater(SERVICE_UNAVAILABLE, request, response);
    }

    /** 503 with Retry-After: the work did not get its turn in time ({@link org.fangxin.shared.Busy}); nothing was done. */
    Object busy(HttpServletRequest request, HttpServletResponse response) {
        return retryLater(BUSY, request, response);
    }

    private Object retryLater(String code, HttpServletRequest request, HttpServletResponse response) {
        ProblemDetail problem = texts.problem(code, 503, texts.locale(request), "problem." + code + ".detail");
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, retryAfterSeconds());
        return answer(problem, request, response, headers);
    }

    String retryAfterSeconds() {
        return String.valueOf(Math.max(1, retryAfter.toSeconds()));
    }

    /** The path the caller asked for (not the error dispatch's {@code /error}); the root when it is not a valid URI. */
    static URI instance(HttpServletRequest request) {
        Object original = request.getAttribute("jakarta.servlet.error.request_uri");
        String path = original != null ? original.toString() : request.getRequestURI();
        try {
            return URI.create(path.length() > 500 ? path.substring(0, 500) : path);
        } catch (IllegalArgumentException notAUri) {
            return URI.create("/");
        }
    }

    /** A browser asking for a page (not the API, not an htmx fragment request). */
    static boolean wantsPage(HttpServletRequest request) {
        String uri = (String) request.getAttribute("jakarta.servlet.error.request_uri");
        String path = uri != null ? uri : request.getRequestURI();
        String context = request.getContextPath();
        if (path.startsWith(context)) {
            path = path.substring(context.length());
        }
        if (path.startsWith("/api/") || request.getHeader("HX-Request") != null) {
            return false;
        }
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }
}
