package org.fangxin.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.fangxin.shared.ProblemTexts;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Busy;
import org.fangxin.shared.Rejection;
import org.springframework.core.annotation.Order;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns rejections and malformed requests into RFC 9457 problem details with a stable {@code code}, a title and a
 * detail in the caller's language that name the field and the rule (never a Java type or method). A database that
 * cannot be reached, or work that did not get its turn in time ({@link Busy}), is a 503 with Retry-After. Anything else unexpected reaches {@link ErrorPages} as a 500.
 */
@RestControllerAdvice
@Order(0)
class ProblemAdvice {

    static final String PROBLEM_BASE = ProblemTexts.PROBLEM_BASE;

    private final ProblemAnswers answers;
    private final ProblemTexts texts;

    ProblemAdvice(ProblemAnswers answers) {
        this.answers = answers;
        this.texts = answers.texts();
    }

    @ExceptionHandler
    Object on(Rejection rejection, HttpServletRequest request, HttpServletResponse response) {
        return answers.answer(texts.problem(rejection, texts.locale(request)), request, response);
    }

    /** Bean validation and form binding (request parameters bound to an object; {@code @Valid} bodies are a subclass). */
    @ExceptionHandler
    Object on(BindException e, HttpServletRequest request, HttpServletResponse response) {
        Locale locale = texts.locale(request);
        List<Map<String, Object>> errors = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            // a value that could not even be converted: the converter's message names Java types, say it plainly
            String message = error.isBindingFailure()
                    ? texts.text("problem.web.field-invalid", new Object[] {error.getField()}, locale)
                    : texts.text(error, locale);
            errors.add(Map.of("field", error.getField(), "message", message));
        }
        e.getBindingResult().getGlobalErrors().forEach(error -> errors.add(Map.of("field", "", "message", texts.text(error, locale))));
        return validation(errors, request, response);
    }

    @ExceptionHandler
    Object on(HandlerMethodValidationException e, HttpServletRequest request, HttpServletResponse response) {
        Locale locale = texts.locale(request);
        List<Map<String, Object>> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(error -> errors.add(Map.of("field", name == null ? "" : name,
                    "message", texts.text(error, locale))));
        });
        return validation(errors, request, response);
    }

    @ExceptionHandler
    Object on(ConstraintViolationException e, HttpServletRequest request, HttpServletResponse response) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(Map.of("field", leafName(violation.getPropertyPath()), "message", violation.getMessage()));
        }
        return validation(errors, request, response);
    }

    private Object validation(List<Map<String, Object>> errors, HttpServletRequest request, HttpServletResponse response) {
        Locale locale = texts.locale(request);
        String listed = errors.stream()
                .map(error -> (error.get("field").toString().isEmpty() ? "" : texts.fieldLabel(error.get("field").toString(), locale) + ": ")
                        + error.get("message"))
                .collect(Collectors.joining("; "));
        ProblemDetail problem = texts.problem(ProblemType.INVALID_INPUT.slug(), 400, locale, "problem.web.validation",
                errors.size(), listed);
        problem.setProperty("errors", errors);
        if (errors.size() == 1 && !errors.get(0).get("field").toString().isEmpty()) {
            problem.setProperty("field", errors.get(0).get("field"));
        }
        return answers.answer(problem, request, response);
    }

    /** The last named node of a validation path: a method's parameter or a bean's property, never the method. */
    private static String leafName(Path path) {
        String name = "";
        for (Path.Node node : path) {
            if (node.getKind() != jakarta.validation.ElementKind.METHOD && node.getName() != null) {
                name = node.getName();
            }
        }
        return name;
    }

    @ExceptionHandler
    Object on(HttpMessageNotReadableException e, HttpServletRequest request, HttpServletResponse response) {
        Rejection rejection = Failures.causeOf(e, Rejection.class);
        if (rejection != null) {
            return on(rejection, request, response);
        }
        BodyProblems.Described described = new BodyProblems(texts, texts.locale(request)).describe(e);
        return invalid(described.detail(), described.field(), request, response);
    }

    @ExceptionHandler
    Object on(MethodArgumentTypeMismatchException e, HttpServletRequest request, HttpServletResponse response) {
        Locale locale = texts.locale(request);
        String kind = new BodyProblems(texts, locale).kind(e.getRequiredType());
        return invalid(texts.text("problem.web.parameter-invalid", new Object[] {e.getName(), kind}, locale), e.getName(),
                request, response);
    }

    @ExceptionHandler
    Object on(MissingRequestHeaderException e, HttpServletRequest request, HttpServletResponse response) {
        return invalid(texts.text("problem.web.header-missing", new Object[] {e.getHeaderName()}, texts.locale(request)),
                null, request, response);
    }

    @ExceptionHandler
    Object on(MissingServletRequestParameterException e, HttpServletRequest request, HttpServletResponse response) {
        return invalid(texts.text("problem.web.parameter-missing", new Object[] {e.getParameterName()}, texts.locale(request)),
                e.getParameterName(), request, response);
    }

    /** Other binding failures (a missing cookie or request attribute): the request is incomplete. */
    @ExceptionHandler
    Object on(ServletRequestBindingException e, HttpServletRequest request, HttpServletResponse response) {
        return invalid(texts.text("problem.web.body-unreadable", null, texts.locale(request)), null, request, response);
    }

    private Object invalid(String detail, String field, HttpServletRequest request, HttpServletResponse response) {
        ProblemDetail problem = texts.problem(ProblemType.INVALID_INPUT.slug(), 400, detail, texts.locale(request));
        if (field != null) {
            problem.setProperty("field", field);
        }
        return answers.answer(problem, request, response);
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    Object onNoResource(Exception e, HttpServletRequest request, HttpServletResponse response) {
        return answers.answer(texts.problem(ProblemType.NOT_FOUND.slug(), 404, texts.locale(request), "problem.web.not-found"),
                request, response);
    }

    @ExceptionHandler
    Object on(HttpRequestMethodNotSupportedException e, HttpServletRequest request, HttpServletResponse response) {
        String allowed = e.getSupportedHttpMethods() == null ? "" : e.getSupportedHttpMethods().stream()
                .map(Object::toString).collect(Collectors.joining(", "));
        ProblemDetail problem = texts.problem("method-not-allowed", 405, texts.locale(request), "problem.web.method-not-allowed",
                e.getMethod(), allowed);
        HttpHeaders headers = new HttpHeaders();
        if (!allowed.isEmpty()) {
            headers.set(HttpHeaders.ALLOW, allowed);
        }
        return answers.answer(problem, request, response, headers);
    }

    @ExceptionHandler
    Object on(HttpMediaTypeNotSupportedException e, HttpServletRequest request, HttpServletResponse response) {
        String given = e.getContentType() == null ? "-" : e.getContentType().toString();
        return answers.answer(texts.problem("unsupported-media-type", 415, texts.locale(request), "problem.web.media-type",
                given.length() > 100 ? given.substring(0, 100) : given), request, response);
    }

    @ExceptionHandler
    Object on(HttpMediaTypeNotAcceptableException e, HttpServletRequest request, HttpServletResponse response) {
        return answers.answer(texts.problem("not-acceptable", 406, texts.locale(request), "problem.not-acceptable.detail"),
                request, response);
    }

    @ExceptionHandler
    Object on(MaxUploadSizeExceededException e, HttpServletRequest request, HttpServletResponse response) {
        return answers.answer(texts.problem("payload-too-large", 413, texts.locale(request), "problem.payload-too-large.detail"),
                request, response);
    }

    /** An upload without the part the endpoint takes ({@code file}). */
    @ExceptionHandler
    Object on(MissingServletRequestPartException e, HttpServletRequest request, HttpServletResponse response) {
        return invalid(texts.text("problem.web.part-missing", new Object[] {e.getRequestPartName()}, texts.locale(request)),
                e.getRequestPartName(), request, response);
    }

    /** A multipart body that cannot be parsed (cut off, no boundary); a too large one is the 413 above. */
    @ExceptionHandler
    Object on(MultipartException e, HttpServletRequest request, HttpServletResponse response) {
        return invalid(texts.text("problem.web.multipart-unreadable", null, texts.locale(request)), null, request, response);
    }

    /** A unique or check constraint fired: the input conflicts with what is stored. Nothing was written. */
    @ExceptionHandler
    Object on(DataIntegrityViolationException e, HttpServletRequest request, HttpServletResponse response) {
        return answers.answer(texts.problem(ProblemType.CONFLICT.slug(), 409, texts.locale(request), "problem.conflict.detail"),
                request, response);
    }

    /** A deadlock or serialization failure lost to a concurrent request: nothing was written; retry with the same key. */
    @ExceptionHandler
    Object on(ConcurrencyFailureException e, HttpServletRequest request, HttpServletResponse response) {
        return on(new DataIntegrityViolationException("concurrent update", e), request, response);
    }

    /** The work did not get its turn in time (a lock or a connection to wait for it): 503 with Retry-After. */
    @ExceptionHandler
    Object on(Busy e, HttpServletRequest request, HttpServletResponse response) {
        return answers.busy(request, response);
    }

    /** The database cannot be reached (503 with Retry-After); any other data-access failure is a 500. */
    @ExceptionHandler({DataAccessException.class, CannotCreateTransactionException.class})
    Object onDataAccess(Exception e, HttpServletRequest request, HttpServletResponse response) throws Exception {
        if (Failures.databaseUnavailable(e)) {
            return answers.unavailable(request, response);
        }
        throw e;
    }
}
