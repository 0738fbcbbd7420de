package io.gatehouse.decision;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.engine.Decision;
import java.time.Instant;

/**
 * A decision as the service made it.
 *
 * @param decisionId unique id, also the audit record's id
 * @param time when it was made
 * @param decision the engine's decision, possibly turned into a deny by the service (fail closed)
 * @param effectiveInput the input the policy saw, with the verified reserved parts and the request time
 */
public record DecisionOutcome(String decisionId, Instant time, Decision decision, JsonNode effectiveInput) {
}
