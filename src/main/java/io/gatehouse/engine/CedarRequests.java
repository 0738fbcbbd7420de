package io.gatehouse.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.value.Value;
import io.gatehouse.value.Values;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a Cedar request, as the Cedar corpus writes it ({@code {"principal": "User::\"alice\"", "action": ...,
 * "resource": ..., "context": {}}}), into the input of the ported policies: {@code {"cedar": {"principal",
 * "action", "resource", "context"}}}. The Cedar principal lives below {@code input.cedar}, not at
 * {@code input.principal}, because the service reserves that key for the verified caller. docs/cedar.md explains
 * the mapping.
 */
public final class CedarRequests {

    private static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);
    private static final Set<String> FIELDS = Set.of("principal", "action", "resource", "context");

    private CedarRequests() {
    }

    /** The decision input as JSON, e.g. for the body of {@code POST /v1/decisions}. */
    public static ObjectNode toInputJson(JsonNode request) {
        Objects.requireNonNull(request, "request");
        if (!request.isObject()) {
            throw new IllegalArgumentException("a Cedar request must be a JSON object, given "
                    + request.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        request.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown field \"" + field + "\" in a Cedar request");
            }
        });
        ObjectNode cedar = JSON.objectNode();
        for (String slot : new String[] {"principal", "action", "resource"}) {
            JsonNode uid = request.get(slot);
            if (uid == null || !uid.isTextual() || !uid.textValue().matches("[A-Za-z_][A-Za-z0-9_:]*::\".*\"")) {
                throw new IllegalArgumentException("field \"" + slot + "\" must be an entity uid such as "
                        + "User::\"alice\", given " + uid);
            }
            cedar.put(slot, uid.textValue());
        }
        JsonNode context = request.get("context");
        if (context != null && !context.isObject()) {
            throw new IllegalArgumentException("field \"context\" must be an object, given " + context);
        }
        cedar.set("context", context == null ? JSON.objectNode() : context.deepCopy());
        ObjectNode input = JSON.objectNode();
        input.set("cedar", cedar);
        return input;
    }

    /** The decision input as a value, for {@link Revision#decide}. */
    public static Value toInput(JsonNode request) {
        return Values.fromJson(toInputJson(request));
    }
}
