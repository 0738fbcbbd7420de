package io.gatehouse.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One audit record before it is sealed into the log: a decision, a token event, an elevation step or a key event.
 * The sink adds the schema version, node id, sequence number and hashes.
 *
 * @param type what happened: {@code decision}, {@code token.issued}, {@code token.refused}, {@code token.revoked},
 *     {@code elevation.requested}, {@code elevation.approved}, {@code elevation.refused}, {@code elevation.used},
 *     {@code elevation.expired}, {@code elevation.revoked}, {@code key.rotated}, {@code key.retired}
 * @param id the decision id or event id; unique
 * @param time when it happened
 * @param principal the verified principal (SPIFFE ID, service account, subject), or null
 * @param actor the actor in a delegation chain, or null
 * @param operation the operation asked for, or null
 * @param resource the resource acted on, or null
 * @param outcome {@code allow}, {@code deny}, {@code issued}, {@code refused} and so on
 * @param reasons the reasons given, possibly empty
 * @param rules the rules that decided, possibly empty
 * @param obligations the obligations handed back, or null
 * @param revision the policy revision that decided, or null
 * @param callerAddress the caller's network address, or null
 * @param correlationId from {@code traceparent} or {@code X-Request-Id}, or generated
 * @param input the decision input, or null; the sink records only its digest and a redacted copy
 * @param privileged whether the event must be on disk before the caller is answered
 * @param details further event-specific fields (no secrets), possibly empty
 */
public record AuditEvent(
        String type,
        String id,
        Instant time,
        String principal,
        String actor,
        String operation,
        String resource,
        String outcome,
        List<String> reasons,
        List<String> rules,
        JsonNode obligations,
        String revision,
        String callerAddress,
        String correlationId,
        JsonNode input,
        boolean privileged,
        Map<String, String> details) {

    public AuditEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        rules = rules == null ? List.of() : List.copyOf(rules);
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
