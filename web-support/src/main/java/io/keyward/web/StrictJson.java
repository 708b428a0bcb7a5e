package io.keyward.web;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;

/**
 * Request JSON means what it says: a number is not a string, a string is not a number or a boolean, an empty
 * string is not null, and a field is given once (with a duplicate, which value counts would depend on the parser;
 * FuzzIT's {"issuedBefore": ..., "issuedBefore": ...} was a 500). Jackson would otherwise convert or pick silently.
 */
public final class StrictJson {

    private StrictJson() {
    }

    public static Jackson2ObjectMapperBuilderCustomizer customizer() {
        return builder -> builder.postConfigurer(mapper -> {
            mapper.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
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
