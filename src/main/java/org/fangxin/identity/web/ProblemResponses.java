package org.fangxin.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.fangxin.shared.ProblemTexts;
import org.slf4j.MDC;
import org.springframework.http.ProblemDetail;

/** Problem documents written by the security filters, before any controller advice can run, in the caller's language. */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static void write(ProblemTexts texts, HttpServletRequest request, HttpServletResponse response, int status, String code)
            throws IOException {
        ProblemDetail problem = texts.problem(code, status, texts.locale(request), "problem." + code + ".detail");
        String requestId = MDC.get("requestId");
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        texts.write(problem, response);
    }
}
