package io.gatehouse.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Objects;

/**
 * One constraint, Gatekeeper style: a kind naming the policy that judges, a name, what it matches, the parameters
 * handed to the policy and what its violations do. One policy serves every constraint of its kind.
 *
 * @param kind e.g. {@code K8sRequiredLabels}; the templates table maps it to a policy package
 * @param name {@code metadata.name}, printed in front of every violation
 * @param match {@code spec.match}, an empty object when absent
 * @param parameters {@code spec.parameters}, an empty object when absent
 * @param action {@code spec.enforcementAction}
 */
public record Constraint(String kind, String name, JsonNode match, JsonNode parameters, EnforcementAction action) {

    public Constraint {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(action, "action");
    }

    /**
     * Reads a constraint object as written in YAML.
     *
     * @throws IllegalArgumentException naming the member that is missing or wrong
     */
    public static Constraint of(JsonNode object) {
        String kind = object.path("kind").asText("");
        String name = object.path("metadata").path("name").asText("");
        if (kind.isEmpty() || name.isEmpty()) {
            throw new IllegalArgumentException("a constraint needs 'kind' and 'metadata.name', got " + object);
        }
        JsonNode spec = object.path("spec");
        String actionName = spec.path("enforcementAction").asText("deny");
        EnforcementAction action = EnforcementAction.parse(actionName).orElseThrow(() ->
                new IllegalArgumentException("constraint '" + name + "': unknown enforcementAction '" + actionName
                        + "'; expected deny, warn or dryrun"));
        return new Constraint(kind, name, objectOrEmpty(spec.get("match")), objectOrEmpty(spec.get("parameters")),
                action);
    }

    private static JsonNode objectOrEmpty(JsonNode node) {
        return node != null && node.isObject() ? node : JsonNodeFactory.instance.objectNode();
    }
}
