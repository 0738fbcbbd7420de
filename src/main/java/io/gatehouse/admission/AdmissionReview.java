package io.gatehouse.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An AdmissionReview as the API server sends it, reduced to what a webhook must have to answer: the version to
 * answer in, the {@code uid} to echo, and the AdmissionRequest itself, kept as JSON so that policies see every
 * member the API server sent.
 *
 * @param apiVersion {@code admission.k8s.io/v1} or {@code admission.k8s.io/v1beta1}; the response uses the same
 * @param uid the request's uid, echoed in the response
 * @param request the AdmissionRequest, verbatim
 */
public record AdmissionReview(String apiVersion, String uid, ObjectNode request) {

    public static final String V1 = "admission.k8s.io/v1";
    public static final String V1BETA1 = "admission.k8s.io/v1beta1";
    private static final Set<String> VERSIONS = Set.of(V1, V1BETA1);

    // exact numbers: a policy comparing a 23-digit quantity must see the digits the API server sent
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public AdmissionReview {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(request, "request");
    }

    /**
     * Parses a request body.
     *
     * @throws MalformedReviewException when the body is not an AdmissionReview that can be answered
     */
    public static AdmissionReview parse(String body) {
        if (body == null || body.isBlank()) {
            throw new MalformedReviewException("body", "the body is empty; expected an AdmissionReview");
        }
        JsonNode document;
        try {
            document = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedReviewException("body", "the body is not JSON: " + e.getOriginalMessage());
        }
        return of(document);
    }

    /** Checks an already parsed document; see {@link #parse(String)}. */
    public static AdmissionReview of(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw new MalformedReviewException("body", "expected a JSON object, got " + describe(document));
        }
        String apiVersion = document.path("apiVersion").asText("");
        if (!VERSIONS.contains(apiVersion)) {
            throw new MalformedReviewException("apiVersion",
                    "expected '" + V1 + "' or '" + V1BETA1 + "', got " + describe(document.get("apiVersion")));
        }
        if (!"AdmissionReview".equals(document.path("kind").asText(""))) {
            throw new MalformedReviewException("kind",
                    "expected 'AdmissionReview', got " + describe(document.get("kind")));
        }
        JsonNode request = document.get("request");
        if (request == null || !request.isObject()) {
            throw new MalformedReviewException("request", "expected an object, got " + describe(request));
        }
        JsonNode uid = request.get("uid");
        if (uid == null || !uid.isTextual() || uid.textValue().isEmpty()) {
            throw new MalformedReviewException("request.uid", "expected a non-empty string, got " + describe(uid));
        }
        return new AdmissionReview(apiVersion, uid.textValue(), (ObjectNode) request);
    }

    /** The operation, empty when the request names none or one the webhook does not know. */
    public Optional<Operation> operation() {
        return Operation.parse(request.path("operation").asText(null));
    }

    /** {@code request.object}, empty when absent or null (DELETE). */
    public Optional<JsonNode> object() {
        return member("object");
    }

    /** {@code request.oldObject}, empty when absent or null (CREATE, CONNECT). */
    public Optional<JsonNode> oldObject() {
        return member("oldObject");
    }

    /** The kind the request is about ({@code request.kind.kind}), or the empty string. */
    public String kind() {
        return request.path("kind").path("kind").asText("");
    }

    /** The request's namespace; empty for cluster-scoped objects. */
    public Optional<String> namespace() {
        JsonNode namespace = request.get("namespace");
        return namespace != null && namespace.isTextual() && !namespace.textValue().isEmpty()
                ? Optional.of(namespace.textValue()) : Optional.empty();
    }

    /** Whether the API server will not persist the outcome: a dry run must have no side effects. */
    public boolean dryRun() {
        return request.path("dryRun").asBoolean(false);
    }

    private Optional<JsonNode> member(String name) {
        JsonNode node = request.get(name);
        return node == null || node.isNull() || node.isMissingNode() ? Optional.empty() : Optional.of(node);
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isTextual()) {
            return "'" + node.textValue() + "'";
        }
        return "a JSON " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
