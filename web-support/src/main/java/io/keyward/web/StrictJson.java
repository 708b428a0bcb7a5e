package io.keyward.web;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;

/**
 * Request JSON means what it says: a number is not a string, a string is not a number or a boolean, and an empty
 * string is not null. Jackson would otherwise convert them silently.
 */
public final class StrictJson {

    private StrictJson() {
    }

    public static Jackson2ObjectMapperBuilderCustomizer customizer() {
        return builder -> builder.postConfigurer(mapper -> {
            mapper.coercionConfigFor(LogicalType.Textual)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
            for (LogicalType scalar : new LogicalType[] {LogicalType.Integer, LogicalType.Float,
                    LogicalType.Boolean}) {
                mapper.coercionConfigFor(scalar)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
            }
        });
    }
}
