package org.fangxin.shared.web;

import java.io.CharConversionException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.fangxin.shared.ProblemTexts;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Says what is wrong with an unreadable request body in the caller's words: which field (a JSON path such as
 * {@code lines[0].amountMinor}) and which rule (unknown field, expected a whole number, not valid JSON at line 1),
 * never a Java type, a token name or a controller signature, which the parser's own messages contain.
 */
final class BodyProblems {

    /** A localized detail and the field it names (null for the body as a whole). */
    record Described(String detail, String field) { }

    private final ProblemTexts texts;
    private final Locale locale;

    BodyProblems(ProblemTexts texts, Locale locale) {
        this.texts = texts;
        this.locale = locale;
    }

    Described describe(HttpMessageNotReadableException e) {
        JacksonException parser = Failures.causeOf(e, JacksonException.class);
        if (parser == null) {
            return Failures.causeOf(e, CharConversionException.class) != null ? body("problem.web.body-not-utf8")
                    : isMissingBody(e) ? body("problem.web.body-missing") : body("problem.web.body-unreadable");
        }
        String field = path(parser);
        if (parser instanceof PropertyBindingException unknown) {
            String name = field.isEmpty() ? unknown.getPropertyName() : field;
            return field(name, "problem.web.field-unknown", name);
        }
        if (parser instanceof InvalidNullException || isMissingProperty(parser)) {
            return field(field, "problem.web.field-missing", field);
        }
        if (parser instanceof MismatchedInputException mismatch && isEndOfInput(mismatch) && field.isEmpty()) {
            return body("problem.web.body-missing");
        }
        if (parser instanceof InvalidFormatException format) {
            return typed(field, "problem.web.field-format", format.getTargetType());
        }
        if (parser instanceof MismatchedInputException mismatch) {
            return typed(field, "problem.web.field-type", mismatch.getTargetType());
        }
        if (parser instanceof InputCoercionException coercion) {
            return typed(field, "problem.web.field-type", coercion.getTargetType());
        }
        if (parser instanceof ValueInstantiationException) {
            return field.isEmpty() ? body("problem.web.body-unreadable") : field(field, "problem.web.field-invalid", field);
        }
        if (parser instanceof StreamConstraintsException) {
            return body("problem.web.body-unreadable");
        }
        if (parser instanceof StreamReadException read) {
            if (Failures.causeOf(e, CharConversionException.class) != null || mentionsEncoding(read)) {
                return body("problem.web.body-not-utf8");
            }
            TokenStreamLocation at = read.getLocation();
            return new Described(texts.text("problem.web.body-not-json",
                    new Object[] {at == null ? 1 : Math.max(at.getLineNr(), 1), at == null ? 1 : Math.max(at.getColumnNr(), 1)},
                    locale), null);
        }
        return field.isEmpty() ? body("problem.web.body-unreadable") : field(field, "problem.web.field-invalid", field);
    }

    /** What kind of JSON value a Java type takes, in words: "a whole number", "a date (YYYY-MM-DD)", "one of [A, B]". */
    String kind(Class<?> type) {
        if (type == null) {
            return texts.text("problem.web.kind.value", null, locale);
        }
        if (type.isEnum()) {
            String names = Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
            return texts.text("problem.web.kind.enum", new Object[] {names}, locale);
        }
        return texts.text("problem.web.kind." + kindKey(type), null, locale);
    }

    private static String kindKey(Class<?> type) {
        if (type == long.class || type == int.class || type == short.class || type == byte.class || type == Long.class
                || type == Integer.class || type == Short.class || type == Byte.class || type == java.math.BigInteger.class) {
            return "integer";
        }
        if (type.isPrimitive() && type != boolean.class && type != char.class || Number.class.isAssignableFrom(type)) {
            return "number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (type == String.class || type == char.class || type == Character.class || CharSequence.class.isAssignableFrom(type)) {
            return "text";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        if (type == UUID.class) {
            return "uuid";
        }
        if (type == LocalDate.class) {
            return "date";
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
            return "instant";
        }
        if (type == Duration.class) {
            return "duration";
        }
        return Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.") ? "object" : "value";
    }

    private Described typed(String field, String key, Class<?> target) {
        if (field.isEmpty()) {
            return new Described(texts.text("problem.web.body-type", new Object[] {kind(target)}, locale), null);
        }
        return new Described(texts.text(key, new Object[] {field, kind(target)}, locale), field);
    }

    private Described field(String field, String key, String argument) {
        return new Described(texts.text(key, new Object[] {argument}, locale), field.isEmpty() ? null : field);
    }

    private Described body(String key) {
        return new Described(texts.text(key, null, locale), null);
    }

    /** The JSON path of the failure: property names joined by dots, array indexes in brackets. */
    static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static boolean isMissingBody(HttpMessageNotReadableException e) {
        String message = e.getMessage();
        return message != null && message.startsWith("Required request body is missing");
    }

    private static boolean isMissingProperty(JacksonException e) {
        String message = e.getOriginalMessage();
        return message != null && message.startsWith("Missing required creator property");
    }

    private static boolean isEndOfInput(MismatchedInputException e) {
        String message = e.getOriginalMessage();
        return message != null && message.contains("end-of-input");
    }

    private static boolean mentionsEncoding(StreamReadException e) {
        String message = e.getOriginalMessage();
        return message != null && (message.contains("UTF-8") || message.contains("UTF8") || message.contains("encoding"));
    }
}
