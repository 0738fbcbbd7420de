package io.gatehouse.elevation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Elevation records as JSON: the stored form in Redis, the API's response body, and {@code input.elevation}.
 *
 * <p>invariant: {@link #write} is deterministic (fixed field order), because the Redis store's compare-and-set
 * compares the stored text with the text of the expected record.
 */
public final class ElevationJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ElevationJson() {
    }

    public static String write(Elevation elevation) {
        try {
            return MAPPER.writeValueAsString(stored(elevation));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("elevation record could not be written as JSON", impossible);
        }
    }

    public static Elevation read(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            return new Elevation(text(node, "id"), text(node, "principal"), text(node, "operation"),
                    text(node, "resource"), text(node, "justification"), instant(node, "requested_at"),
                    instant(node, "expires_at"), node.path("approval_required").asBoolean(),
                    Elevation.Status.valueOf(text(node, "status").toUpperCase(java.util.Locale.ROOT)),
                    text(node, "approved_by"), instant(node, "approved_at"), text(node, "ended_by"),
                    instant(node, "ended_at"), tokens(node.path("issued_tokens")));
        } catch (JsonProcessingException | RuntimeException malformed) {
            throw new IllegalStateException("stored elevation record is malformed", malformed);
        }
    }

    /** The public view: no token ids, which callers do not need. */
    public static ObjectNode view(Elevation elevation, Instant now) {
        ObjectNode node = stored(elevation);
        node.remove("issued_tokens");
        node.put("active", elevation.activeAt(now));
        node.put("issued_token_count", elevation.issuedTokens().size());
        return node;
    }

    /** What policies see at {@code input.elevation}. */
    public static ObjectNode forPolicy(Elevation elevation) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", elevation.id());
        node.put("operation", elevation.operation());
        node.put("resource", elevation.resource());
        node.put("principal", elevation.principal());
        node.put("justification", elevation.justification());
        node.put("expires_at", elevation.expiresAt().toString());
        node.put("approved_by", elevation.approvedBy());
        return node;
    }

    private static ObjectNode stored(Elevation elevation) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", elevation.id());
        node.put("principal", elevation.principal());
        node.put("operation", elevation.operation());
        node.put("resource", elevation.resource());
        node.put("justification", elevation.justification());
        node.put("requested_at", elevation.requestedAt().toString());
        node.put("expires_at", elevation.expiresAt().toString());
        node.put("approval_required", elevation.approvalRequired());
        node.put("status", elevation.status().label());
        node.put("approved_by", elevation.approvedBy());
        node.put("approved_at", string(elevation.approvedAt()));
        node.put("ended_by", elevation.endedBy());
        node.put("ended_at", string(elevation.endedAt()));
        ArrayNode tokens = node.putArray("issued_tokens");
        elevation.issuedTokens().forEach(token -> tokens.addObject()
                .put("jti", token.jti()).put("expires_at", token.expiresAt().toString()));
        return node;
    }

    private static List<Elevation.IssuedToken> tokens(JsonNode array) {
        List<Elevation.IssuedToken> tokens = new ArrayList<>();
        array.forEach(token -> tokens.add(new Elevation.IssuedToken(text(token, "jti"), instant(token, "expires_at"))));
        return tokens;
    }

    private static String string(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : Instant.parse(value);
    }
}
