package org.fangxin.shared.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * The API reads JSON strictly (issue 13, item 9): a value must already have its field's type. Money is a whole number
 * of minor units ({@code 1.5}, {@code 1.0}, {@code "150"} are refused, never truncated or parsed), a boolean is
 * {@code true}/{@code false} (not {@code 1} or {@code "yes"}), text is a string, and a date is an ISO
 * {@code yyyy-MM-dd} string within {@link #DATE_MIN}..{@link #DATE_MAX} (no epoch days, arrays, {@code 2026-3-1},
 * {@code 2026-02-30} or year 0001). A refusal becomes a 400 {@code invalid-input} problem naming the field
 * ({@link ProblemAdvice}).
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

    /** The earliest and latest date the API accepts: anything outside is a typo, not a business date. */
    static final LocalDate DATE_MIN = LocalDate.of(1900, 1, 1);
    static final LocalDate DATE_MAX = LocalDate.of(2999, 12, 31);

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern ISO_YEAR_MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final DateTimeFormatter STRICT_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> {
            builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                    .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                    .defaultLeniency(false);
            refuse(builder, LogicalType.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean, CoercionInputShape.String);
            refuse(builder, LogicalType.Float, CoercionInputShape.Boolean, CoercionInputShape.String);
            refuse(builder, LogicalType.Boolean, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.String);
            refuse(builder, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
            refuse(builder, LogicalType.OtherScalar, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
            refuse(builder, LogicalType.Enum, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
            builder.addModule(new SimpleModule("fangxin-strict-dates")
                    .addDeserializer(LocalDate.class, new StrictLocalDate())
                    .addDeserializer(YearMonth.class, new StrictYearMonth()));
        };
    }

    /** Values of {@code type} sent as one of {@code shapes} are refused instead of converted. */
    private static void refuse(JsonMapper.Builder builder, LogicalType type, CoercionInputShape... shapes) {
        builder.withCoercionConfig(type, config -> {
            for (CoercionInputShape shape : shapes) {
                config.setCoercion(shape, CoercionAction.Fail);
            }
            config.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        });
    }

    private static String isoText(JsonParser p, DeserializationContext ctxt, Class<?> type) {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return (String) ctxt.handleUnexpectedToken(ctxt.constructType(type), p.currentToken(), p, "expected an ISO date string");
        }
        return p.getString().trim();
    }

    private static <T> T refuse(DeserializationContext ctxt, Class<T> type, String text, String why) {
        throw ctxt.weirdStringException(text, type, why);
    }

    /** {@code yyyy-MM-dd}, a real day, within the plausible range. */
    static final class StrictLocalDate extends ValueDeserializer<LocalDate> {
        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) {
            String text = isoText(p, ctxt, LocalDate.class);
            if (!ISO_DATE.matcher(text).matches()) {
                return refuse(ctxt, LocalDate.class, text, "expected yyyy-MM-dd");
            }
            LocalDate date;
            try {
                date = LocalDate.parse(text, STRICT_DATE);
            } catch (DateTimeParseException e) {
                return refuse(ctxt, LocalDate.class, text, "no such day");
            }
            if (date.isBefore(DATE_MIN) || date.isAfter(DATE_MAX)) {
                return refuse(ctxt, LocalDate.class, text, "outside " + DATE_MIN + ".." + DATE_MAX);
            }
            return date;
        }
    }

    /** {@code yyyy-MM}, within the plausible range. */
    static final class StrictYearMonth extends ValueDeserializer<YearMonth> {
        @Override
        public YearMonth deserialize(JsonParser p, DeserializationContext ctxt) {
            String text = isoText(p, ctxt, YearMonth.class);
            if (!ISO_YEAR_MONTH.matcher(text).matches()) {
                return refuse(ctxt, YearMonth.class, text, "expected yyyy-MM");
            }
            YearMonth month;
            try {
                month = YearMonth.parse(text);
            } catch (DateTimeParseException e) {
                return refuse(ctxt, YearMonth.class, text, "no such month");
            }
            if (month.atDay(1).isBefore(DATE_MIN) || month.atEndOfMonth().isAfter(DATE_MAX)) {
                return refuse(ctxt, YearMonth.class, text, "outside " + DATE_MIN + ".." + DATE_MAX);
            }
            return month;
        }
    }
}
