package org.fangxin.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Turns rejections and malformed requests into RFC 9457 problem details with a stable {@code code}. */
@RestControllerAdvice
@Order(0)
class ProblemAdvice {

    static final String PROBLEM_BASE = "https://fangxin.org/problems/";

    /**
     * API callers get the problem document; people on pages get the same problem as a readable page with the same
     * status (a refused role or another tenant's object must not show raw JSON in the browser).
     */
    @ExceptionHandler
    Object on(Rejection rejection, HttpServletRequest request) {
        ProblemDetail problem = problem(rejection.type(), rejection.getMessage());
        rejection.properties().forEach(problem::setProperty);
        if (wantsPage(request)) {
            ModelAndView page = new ModelAndView("shared/problem");
            page.addObject("problem", problem);
            page.setStatus(HttpStatusCode.valueOf(problem.getStatus()));
            return page;
        }
        return problem;
    }

    private static boolean wantsPage(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/") || request.getHeader("HX-Request") != null) {
            return false;
        }
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    @ExceptionHandler
    ProblemDetail on(MethodArgumentNotValidException e) {
        List<Map<String, Object>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.<String, Object>of("field", error.getField(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        String detail = errors.isEmpty() ? "the request is invalid"
                : errors.stream().map(m -> m.get("field") + ": " + m.get("message")).reduce((a, b) -> a + "; " + b).orElse("");
        ProblemDetail problem = problem(ProblemType.INVALID_INPUT, detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    @ExceptionHandler
    ProblemDetail on(HandlerMethodValidationException e) {
        return problem(ProblemType.INVALID_INPUT, e.getAllErrors().stream()
                .map(error -> String.valueOf(error.getDefaultMessage())).reduce((a, b) -> a + "; " + b).orElse("invalid request"));
    }

    @ExceptionHandler
    ProblemDetail on(ConstraintViolationException e) {
        return problem(ProblemType.INVALID_INPUT, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail on(HttpMessageNotReadableException e) {
        String cause = e.getMostSpecificCause().getMessage();
        String detail = "the request body is not valid JSON for this endpoint";
        if (cause != null) {
            // Jackson names the offending property; keep the first line, which never echoes more than the input.
            detail += ": " + cause.lines().findFirst().orElse("");
        }
        return problem(ProblemType.INVALID_INPUT, truncate(detail));
    }

    @ExceptionHandler
    ProblemDetail on(MethodArgumentTypeMismatchException e) {
        ProblemDetail problem = problem(ProblemType.INVALID_INPUT, "'" + e.getName() + "' has an invalid value");
        problem.setProperty("field", e.getName());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail on(MissingRequestHeaderException e) {
        return problem(ProblemType.INVALID_INPUT, "missing header " + e.getHeaderName());
    }

    @ExceptionHandler
    ProblemDetail on(MissingServletRequestParameterException e) {
        return problem(ProblemType.INVALID_INPUT, "missing parameter " + e.getParameterName());
    }

    @ExceptionHandler
    ProblemDetail on(NoResourceFoundException e) {
        return problem(ProblemType.NOT_FOUND, "no such resource");
    }

    @ExceptionHandler
    ProblemDetail on(HttpRequestMethodNotSupportedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED, e.getMessage());
        problem.setType(URI.create(PROBLEM_BASE + "method-not-allowed"));
        problem.setProperty("code", "method-not-allowed");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail on(HttpMediaTypeNotSupportedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send application/json");
        problem.setType(URI.create(PROBLEM_BASE + "unsupported-media-type"));
        problem.setProperty("code", "unsupported-media-type");
        return problem;
    }

    /** An upload larger than the server accepts at all (spring.servlet.multipart limits); modules check their own limits. */
    @ExceptionHandler
    ProblemDetail on(org.springframework.web.multipart.MaxUploadSizeExceededException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, "the upload is too large");
        problem.setType(URI.create(PROBLEM_BASE + "upload-too-large"));
        problem.setProperty("code", "upload-too-large");
        return problem;
    }

    /** A unique or check constraint fired: the input conflicts with what is stored. Nothing was written. */
    @ExceptionHandler
    ProblemDetail on(DataIntegrityViolationException e) {
        return problem(ProblemType.CONFLICT, "the request conflicts with existing data");
    }

    static ProblemDetail problem(ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(type.status()), detail);
        problem.setType(URI.create(PROBLEM_BASE + type.slug()));
        problem.setProperty("code", type.slug());
        return problem;
    }

    private static String truncate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

}
