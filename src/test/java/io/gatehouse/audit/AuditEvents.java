package io.gatehouse.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Audit events for tests. */
final class AuditEvents {

    static final ObjectMapper JSON = new ObjectMapper();

    private AuditEvents() {
    }

    static AuditEvent decision(String id, boolean privileged) {
        return decision(id, privileged, JSON.createObjectNode().put("operation", "refund.issue").put("amount", 120));
    }

    static AuditEvent decision(String id, boolean privileged, JsonNode input) {
        return new AuditEvent("decision", id, Instant.parse("2026-12-04T10:15:30Z"),
                "spiffe://example.org/ns/payments/sa/refunder", null, "refund.issue", "order/42", "allow",
                List.of(), List.of("data.payments.refunds.allow"), null, "rev-1", "10.0.0.7", "req-" + id, input,
                privileged, Map.of());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException malformed) {
            throw new IllegalArgumentException(malformed);
        }
    }
}
