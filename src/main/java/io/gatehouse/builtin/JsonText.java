package io.gatehouse.builtin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gatehouse.value.Value;
import io.gatehouse.value.Values;

/**
 * Strict JSON reading and canonical writing for the builtins. Reading refuses duplicate keys, trailing text, nesting
 * deeper than {@link #DEPTH_LIMIT} and text longer than {@link #SIZE_LIMIT}, and keeps numbers exact. Writing sorts
 * object keys in code point order, so equal values give equal text.
 */
final class JsonText {

    static final int DEPTH_LIMIT = 64;
    static final int SIZE_LIMIT = 1 << 20;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(DEPTH_LIMIT)
                            .maxNumberLength(1000).maxStringLength(SIZE_LIMIT).build())
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonText() {
    }

    /** Parses JSON text; {@code what} names the text in errors, e.g. "jwt payload". */
    static Value parse(String text, String what) throws BuiltinException {
        if (text.length() > SIZE_LIMIT) {
            throw new BuiltinException(what + " is too large: " + text.length() + " characters, expected at most "
                    + SIZE_LIMIT);
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new BuiltinException("invalid " + what + ": no json value");
            }
            return Values.fromJson(node);
        } catch (JsonProcessingException error) {
            throw new BuiltinException("invalid " + what + ": " + firstLine(error.getOriginalMessage()));
        }
    }

    /** Compact canonical JSON: keys in code point order, sets as arrays, numbers without trailing zeros. */
    static String write(Value value) {
        StringBuilder out = new StringBuilder();
        append(value, out);
        return out.toString();
    }

    private static void append(Value value, StringBuilder out) {
        switch (value.kind()) {
            case NULL, BOOLEAN, NUMBER -> out.append(ValueText.render(value));
            case STRING -> out.append(ValueText.quoted(((Value.Str) value).value()));
            case ARRAY -> appendAll(((Value.Arr) value).items(), out);
            case SET -> appendAll(((Value.SetV) value).members(), out);
            case OBJECT -> appendObject((Value.Obj) value, out);
        }
    }

    private static void appendAll(Iterable<Value> items, StringBuilder out) {
        out.append('[');
        for (Value item : items) {
            out.append(out.charAt(out.length() - 1) == '[' ? "" : ",");
            append(item, out);
        }
        out.append(']');
    }

    private static void appendObject(Value.Obj object, StringBuilder out) {
        out.append('{');
        object.members().forEach((key, member) -> {
            out.append(out.charAt(out.length() - 1) == '{' ? "" : ",");
            out.append(ValueText.quoted(key)).append(':');
            append(member, out);
        });
        out.append('}');
    }

    private static String firstLine(String message) {
        String line = message == null ? "malformed json" : message.lines().findFirst().orElse("malformed json");
        String lower = line.toLowerCase(java.util.Locale.ROOT);
        return lower.length() > 160 ? lower.substring(0, 160) + "..." : lower;
    }
}
