package org.fangxin.shared.web;

import java.util.Set;
import org.fangxin.shared.time.DisplayTime;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/** Gives every template {@code #times} (DisplayTime): {@code ${#times.at(instant)}}, {@code ${#times.day(date)}}. */
@Component
class TimesDialect extends AbstractDialect implements IExpressionObjectDialect {

    private static final String NAME = "times";

    private final DisplayTime times;

    TimesDialect(DisplayTime times) {
        super("fangxin-times");
        this.times = times;
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
        return new IExpressionObjectFactory() {
            @Override
            public Set<String> getAllExpressionObjectNames() {
                return Set.of(NAME);
            }

            @Override
            public Object buildObject(IExpressionContext context, String expressionObjectName) {
                return NAME.equals(expressionObjectName) ? times : null;
            }

            @Override
            public boolean isCacheable(String expressionObjectName) {
                return true;
            }
        };
    }
}
