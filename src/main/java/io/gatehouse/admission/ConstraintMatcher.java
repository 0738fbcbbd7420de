package io.gatehouse.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Optional;

/**
 * Gatekeeper's {@code spec.match}: whether a constraint applies to a reviewed object at all. A constraint that does
 * not match produces no violation.
 *
 * <p>Supported: {@code kinds} (API group and kind, {@code "*"} for any), {@code scope}, {@code namespaces} and
 * {@code excludedNamespaces} (a trailing {@code *} is a prefix), {@code labelSelector}. The namespace of a Namespace
 * object is its own name. An object whose namespace is unknown is not excluded by the namespace filters, as gator
 * does. {@code namespaceSelector} needs the namespace's labels, which a review does not carry: such a constraint
 * is treated as matching, so it judges more rather than less.
 */
final class ConstraintMatcher {

    private ConstraintMatcher() {
    }

    static boolean matches(Constraint constraint, AdmissionReview review) {
        JsonNode match = constraint.match();
        JsonNode object = review.object().or(review::oldObject).orElse(MissingNode.getInstance());
        Optional<String> namespace = namespaceOf(review, object);
        return kinds(match.get("kinds"), groupOf(review, object), kindOf(review, object))
                && scope(match.path("scope").asText("*"), namespace, review)
                && included(match.get("namespaces"), namespace)
                && !excluded(match.get("excludedNamespaces"), namespace)
                && LabelSelector.matches(match.get("labelSelector"), object.path("metadata").path("labels"));
    }

    private static boolean kinds(JsonNode kinds, String group, String kind) {
        if (kinds == null || !kinds.isArray() || kinds.isEmpty()) {
            return true;
        }
        for (JsonNode entry : kinds) {
            if (listHas(entry.get("apiGroups"), group) && listHas(entry.get("kinds"), kind)) {
                return true;
            }
        }
        return false;
    }

    private static boolean listHas(JsonNode list, String value) {
        if (list == null || !list.isArray()) {
            return false;
        }
        for (JsonNode item : list) {
            if ("*".equals(item.asText()) || value.equals(item.asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean scope(String scope, Optional<String> namespace, AdmissionReview review) {
        boolean namespaced = review.namespace().isPresent()
                || namespace.isPresent() && !"Namespace".equals(review.kind());
        return switch (scope) {
            case "Namespaced" -> namespaced;
            case "Cluster" -> !namespaced;
            default -> true;
        };
    }

    private static boolean included(JsonNode namespaces, Optional<String> namespace) {
        if (namespaces == null || !namespaces.isArray() || namespace.isEmpty()) {
            return true;
        }
        return anyMatches(namespaces, namespace.get());
    }

    private static boolean excluded(JsonNode namespaces, Optional<String> namespace) {
        if (namespaces == null || !namespaces.isArray() || namespace.isEmpty()) {
            return false;
        }
        return anyMatches(namespaces, namespace.get());
    }

    private static boolean anyMatches(JsonNode patterns, String namespace) {
        for (JsonNode pattern : patterns) {
            String text = pattern.asText();
            boolean hit = text.endsWith("*")
                    ? namespace.startsWith(text.substring(0, text.length() - 1))
                    : namespace.equals(text);
            if (hit) {
                return true;
            }
        }
        return false;
    }

    /** The request's namespace, else the object's; a Namespace object's own name. */
    static Optional<String> namespaceOf(AdmissionReview review, JsonNode object) {
        if ("Namespace".equals(kindOf(review, object)) && groupOf(review, object).isEmpty()) {
            String name = object.path("metadata").path("name").asText(review.request().path("name").asText(""));
            return name.isEmpty() ? Optional.empty() : Optional.of(name);
        }
        if (review.namespace().isPresent()) {
            return review.namespace();
        }
        String namespace = object.path("metadata").path("namespace").asText("");
        return namespace.isEmpty() ? Optional.empty() : Optional.of(namespace);
    }

    /** {@code request.kind.group}, else the part of the object's apiVersion before {@code /}. */
    static String groupOf(AdmissionReview review, JsonNode object) {
        JsonNode kind = review.request().get("kind");
        if (kind != null && kind.has("group")) {
            return kind.path("group").asText("");
        }
        String apiVersion = object.path("apiVersion").asText("");
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    static String kindOf(AdmissionReview review, JsonNode object) {
        return review.kind().isEmpty() ? object.path("kind").asText("") : review.kind();
    }
}
