package io.gatehouse.http;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Bounds what a request body may make the parser do, and keeps numbers exact.
 *
 * <p>Nesting depth and string length are capped before any policy sees the input: a deeply nested body is refused
 * with a 400 naming the limit, instead of costing stack and time in every rule that walks it. Numbers parse as
 * {@link java.math.BigDecimal} so a 23-digit integer or a long decimal reaches the policy unchanged.
 */
@Singleton
public class JsonLimits implements ObjectMapperCustomizer {

    private final HttpLimitsConfig limits;

    JsonLimits(HttpLimitsConfig limits) {
        this.limits = limits;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxJsonDepth())
                .maxStringLength(limits.maxStringLength())
                .maxNumberLength(limits.maxNumberLength())
                .build());
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        // one meaning per document: a repeated key, trailing data or a number where a string belongs is refused
        // rather than guessed at, so two parsers can never read one body two ways
        mapper.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.coercionConfigDefaults()
                .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer,
                        com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
                .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Float,
                        com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
                .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Boolean,
                        com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
        mapper.setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    }
}
