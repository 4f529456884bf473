package org.fangxin.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.fangxin.shared.ProblemTexts;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A body's Content-Type must name one concrete media type: {@code *}{@code /*} or {@code text/*} made the framework
 * throw while reading the headers (a 500, found by the API sweep). Such a request is a 415 problem before anything runs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ContentTypeFilter extends OncePerRequestFilter {

    private static final int SHOWN_MAX = 100;

    private final ProblemTexts texts;

    ContentTypeFilter(ProblemTexts texts) {
        this.texts = texts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getContentType();
        if (given == null || given.isBlank() || concrete(given)) {
            chain.doFilter(request, response);
            return;
        }
        String shown = given.length() > SHOWN_MAX ? given.substring(0, SHOWN_MAX) : given;
        ProblemDetail problem = texts.problem("unsupported-media-type", 415, texts.locale(request), "problem.web.media-type", shown);
        problem.setInstance(ProblemAnswers.instance(request));
        texts.write(problem, response);
    }

    static boolean concrete(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return true;  // unparseable: the framework answers 415 through ProblemAdvice
        }
    }
}
