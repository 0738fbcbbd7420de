package io.gatehouse.admission;

import com.fasterxml.jackson.databind.JsonNode;

/** A Kubernetes label selector ({@code matchLabels} and {@code matchExpressions}) over an object's labels. */
final class LabelSelector {

    private LabelSelector() {
    }

    /** An absent or empty selector matches everything; an unknown operator matches nothing. */
    static boolean matches(JsonNode selector, JsonNode labels) {
        if (selector == null || !selector.isObject()) {
            return true;
        }
        var matchLabels = selector.path("matchLabels").fields();
        while (matchLabels.hasNext()) {
            var entry = matchLabels.next();
            if (!labels.has(entry.getKey()) || !labels.get(entry.getKey()).asText().equals(entry.getValue().asText())) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            if (!expression(expression, labels)) {
                return false;
            }
        }
        return true;
    }

    private static boolean expression(JsonNode expression, JsonNode labels) {
        String key = expression.path("key").asText();
        boolean present = labels.has(key);
        String value = present ? labels.get(key).asText() : null;
        return switch (expression.path("operator").asText()) {
            case "In" -> present && contains(expression.path("values"), value);
            case "NotIn" -> !present || !contains(expression.path("values"), value);
            case "Exists" -> present;
            case "DoesNotExist" -> !present;
            default -> false;
        };
    }

    private static boolean contains(JsonNode values, String value) {
        for (JsonNode item : values) {
            if (item.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
