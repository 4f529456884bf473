package org.fangxin.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
        ProblemDetail problem = texts.problem(SERVICE_UNAVAILABLE, 503, texts.locale(request),
                "problem." + SERVICE_UNAVAILABLE + ".detail");
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, retryAfterSeconds());
        return answer(problem, request, response, headers);
    }

    String retryAfterSeconds() {
        return String.valueOf(Math.max(1, retryAfter.toSeconds()));
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
