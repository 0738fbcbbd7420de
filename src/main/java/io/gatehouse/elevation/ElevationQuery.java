package io.gatehouse.elevation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.VerifiedPrincipal;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One question to the elevation policy (package {@code gatehouse.elevation}).
 *
 * @param action what is asked: {@code request}, {@code approve} or {@code revoke}
 * @param principal who asks (the requester, the approver or the revoker); the decision path places it at
 *     {@code input.principal}
 * @param operation the operation to elevate
 * @param resource the resource
 * @param duration the requested duration
 * @param justification the requester's justification
 * @param risk the operation's risk rating from the catalog, or null when the catalog does not list it
 * @param existing the elevation acted on (approve, revoke), or null for a request
 */
public record ElevationQuery(
        Action action, VerifiedPrincipal principal, String operation, String resource, Duration duration,
        String justification, String risk, Elevation existing) {

    public enum Action {
        REQUEST, APPROVE, REVOKE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ElevationQuery {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(duration, "duration");
    }

    /** Whether the catalog rates the operation high or critical, or does not list it (treated alike). */
    public boolean highRisk() {
        return risk == null || "high".equals(risk) || "critical".equals(risk);
    }

    /**
     * The decision input for {@code gatehouse.elevation}, without {@code principal}: the decision path adds the
     * verified principal itself, and would drop a body value at that key anyway.
     */
    public ObjectNode toInput() {
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.put("action", action.label());
        input.put("operation", operation);
        input.put("resource", resource);
        input.put("duration_seconds", duration.toSeconds());
        input.put("justification", justification);
        input.put("risk", risk == null ? "unknown" : risk);
        if (existing != null) {
            input.set("request", ElevationJson.view(existing, existing.requestedAt()));
        }
        return input;
    }
}
