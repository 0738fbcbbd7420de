package io.gatehouse.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a pod gets the Gatehouse sidecar and writes the JSON Patch that adds it.
 *
 * <p>Opting in is split between the API server and this class. A namespace opts in or out through the
 * {@code namespaceSelector} of the MutatingWebhookConfiguration, because namespace labels are not part of an
 * AdmissionReview: the webhook for opted-in namespaces calls {@code /k8s/mutate/namespace}, the one for other
 * namespaces calls {@code /k8s/mutate}. Here a pod opts in with the label or annotation
 * {@code gatehouse.io/inject: "true"}, and opts out with the annotation {@code gatehouse.io/inject: "false"},
 * which wins over everything else.
 *
 * <p>Only CREATE is patched: a pod's container list cannot change afterwards, so an UPDATE patch could only be
 * refused by the API server. A pod that already has the sidecar (by container name or by the annotation this class
 * writes) is left alone, so that a re-sent review never injects twice.
 */
@ApplicationScoped
public class SidecarInjector {

    public static final String INJECT_KEY = "gatehouse.io/inject";
    public static final String INJECTED_ANNOTATION = "gatehouse.io/sidecar-injected";
    static final String TMP_VOLUME = "gatehouse-tmp";
    static final String STATE_VOLUME = "gatehouse-state";
    static final String KEY_VOLUME = "gatehouse-bundle-key";
    static final String STATE_DIR = "/var/lib/gatehouse";
    static final String KEY_DIR = "/etc/gatehouse/bundle-key";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final SidecarConfig config;

    public SidecarInjector(SidecarConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Decides for one review.
     *
     * @param namespaceOptedIn whether the request came through the webhook for opted-in namespaces
     */
    public Injection decide(AdmissionReview review, boolean namespaceOptedIn) {
        if (review.operation().orElse(null) != Operation.CREATE) {
            return new Injection.Skip("only CREATE is patched");
        }
        if (!"Pod".equals(review.kind())) {
            return new Injection.Skip("not a pod");
        }
        JsonNode pod = review.object().orElse(null);
        if (pod == null || !pod.isObject()) {
            return new Injection.Refuse("request.object: a CREATE review must carry the pod as an object");
        }
        String namespace = review.namespace().orElse(pod.path("metadata").path("namespace").asText(""));
        if (config.excludedNamespaces().contains(namespace)) {
            return new Injection.Skip("namespace '" + namespace + "' is excluded");
        }
        if (!optedIn(pod, namespaceOptedIn)) {
            return new Injection.Skip("the pod did not opt in");
        }
        if (hasSidecar(pod)) {
            return new Injection.Skip("the pod already has the sidecar");
        }
        Optional<String> clash = volumeClash(pod);
        if (clash.isPresent()) {
            return new Injection.Conflict("gatehouse sidecar not injected: the pod already has a volume named '"
                    + clash.get() + "'");
        }
        return new Injection.Patch(patch(pod));
    }

    private static boolean optedIn(JsonNode pod, boolean namespaceOptedIn) {
        JsonNode metadata = pod.path("metadata");
        String annotation = metadata.path("annotations").path(INJECT_KEY).asText("");
        if ("false".equals(annotation)) {
            return false;
        }
        return namespaceOptedIn || "true".equals(annotation)
                || "true".equals(metadata.path("labels").path(INJECT_KEY).asText(""));
    }

    private boolean hasSidecar(JsonNode pod) {
        if (pod.path("metadata").path("annotations").has(INJECTED_ANNOTATION)) {
            return true;
        }
        for (String list : List.of("containers", "initContainers")) {
            for (JsonNode container : pod.path("spec").path(list)) {
                if (config.containerName().equals(container.path("name").asText(null))) {
                    return true;
                }
            }
        }
        return false;
    }

    private Optional<String> volumeClash(JsonNode pod) {
        Set<String> existing = new HashSet<>();
        pod.path("spec").path("volumes").forEach(volume -> existing.add(volume.path("name").asText("")));
        return volumes().stream().map(volume -> volume.path("name").asText()).filter(existing::contains).findFirst();
    }

    private ArrayNode patch(JsonNode pod) {
        ArrayNode operations = JSON.arrayNode();
        JsonNode spec = pod.get("spec");
        if (spec == null || !spec.isObject()) {
            ObjectNode created = JSON.objectNode();
            created.putArray("containers").add(container());
            created.putArray("volumes").addAll(volumes());
            operations.add(add("/spec", created));
        } else {
            append(operations, "/spec", spec, "containers", List.of(container()));
            append(operations, "/spec", spec, "volumes", volumes());
        }
        JsonNode image = JSON.textNode(config.image());
        putMember(operations, pod, List.of("metadata", "annotations"), INJECTED_ANNOTATION, image);
        return operations;
    }

    /** Appends to a list, creating the list when it is missing or null. */
    private static void append(ArrayNode operations, String parentPath, JsonNode parent, String field,
            List<? extends JsonNode> items) {
        String path = parentPath + "/" + JsonPointers.escape(field);
        JsonNode list = parent.get(field);
        if (list == null || !list.isArray()) {
            operations.add(add(path, JSON.arrayNode().addAll(items)));
            return;
        }
        items.forEach(item -> operations.add(add(path + "/-", item)));
    }

    /** Sets {@code key} in the object at {@code objectPath}, creating every missing object on the way. */
    private static void putMember(ArrayNode operations, JsonNode root, List<String> objectPath, String key,
            JsonNode value) {
        StringBuilder path = new StringBuilder();
        JsonNode node = root;
        for (int i = 0; i < objectPath.size(); i++) {
            String step = objectPath.get(i);
            path.append('/').append(JsonPointers.escape(step));
            JsonNode next = node.get(step);
            if (next == null || !next.isObject()) {
                operations.add(add(path.toString(), nest(objectPath.subList(i + 1, objectPath.size()), key, value)));
                return;
            }
            node = next;
        }
        operations.add(add(path + "/" + JsonPointers.escape(key), value));
    }

    private static ObjectNode nest(List<String> remaining, String key, JsonNode value) {
        ObjectNode innermost = JSON.objectNode();
        innermost.set(key, value);
        ObjectNode result = innermost;
        for (int i = remaining.size() - 1; i >= 0; i--) {
            ObjectNode outer = JSON.objectNode();
            outer.set(remaining.get(i), result);
            result = outer;
        }
        return result;
    }

    private static ObjectNode add(String path, JsonNode value) {
        ObjectNode operation = JSON.objectNode();
        operation.put("op", "add");
        operation.put("path", path);
        operation.set("value", value);
        return operation;
    }

    private ObjectNode container() {
        ObjectNode container = JSON.objectNode();
        container.put("name", config.containerName());
        container.put("image", config.image());
        container.put("imagePullPolicy", config.imagePullPolicy());
        ObjectNode port = container.putArray("ports").addObject();
        port.put("name", "gatehouse");
        port.put("containerPort", config.port());
        port.put("protocol", "TCP");
        container.set("env", environment());
        container.set("resources", resources());
        container.set("readinessProbe", readinessProbe());
        container.set("securityContext", securityContext());
        container.set("volumeMounts", volumeMounts());
        return container;
    }

    private ArrayNode environment() {
        ArrayNode env = JSON.arrayNode();
        env.add(variable("QUARKUS_PROFILE", config.profile()));
        env.add(variable("QUARKUS_HTTP_PORT", Integer.toString(config.port())));
        // the kubelet probes the pod's address, not its loopback; the sidecar profile alone would bind 127.0.0.1
        // (named with the profile too, since a profile's own value in application.properties outranks a plain one)
        env.add(variable("QUARKUS_HTTP_HOST", "0.0.0.0"));
        env.add(variable("_" + config.profile().toUpperCase(Locale.ROOT).replace('-', '_')
                + "_QUARKUS_HTTP_HOST", "0.0.0.0"));
        env.add(variable("GATEHOUSE_LIFECYCLE_SIDECAR_CENTRAL_URL", config.centralUrl()));
        env.add(variable("GATEHOUSE_LIFECYCLE_SIDECAR_POLL_INTERVAL", config.bundleRefresh().toString()));
        // the root file system is read-only: every state the application writes goes to the state volume
        env.add(variable("GATEHOUSE_LIFECYCLE_STATE_DIR", STATE_DIR + "/lifecycle"));
        env.add(variable("GATEHOUSE_AUDIT_DIR", STATE_DIR + "/audit"));
        env.add(variable("GATEHOUSE_TOKEN_STATE_DIR", STATE_DIR + "/token"));
        if (config.bundleKeySecret().isPresent()) {
            env.add(variable("GATEHOUSE_LIFECYCLE_SIDECAR_PUBLIC_KEY_FILE", KEY_DIR + "/bundle-signing-key.pub.pem"));
        }
        env.add(fieldRef("POD_NAME", "metadata.name"));
        env.add(fieldRef("POD_NAMESPACE", "metadata.namespace"));
        env.add(fieldRef("POD_SERVICE_ACCOUNT", "spec.serviceAccountName"));
        return env;
    }

    private static ObjectNode variable(String name, String value) {
        return JSON.objectNode().put("name", name).put("value", value);
    }

    private static ObjectNode fieldRef(String name, String fieldPath) {
        ObjectNode variable = JSON.objectNode().put("name", name);
        variable.putObject("valueFrom").putObject("fieldRef").put("fieldPath", fieldPath);
        return variable;
    }

    private ObjectNode resources() {
        ObjectNode resources = JSON.objectNode();
        resources.putObject("requests")
                .put("cpu", config.resources().cpuRequest())
                .put("memory", config.resources().memoryRequest());
        resources.putObject("limits")
                .put("cpu", config.resources().cpuLimit())
                .put("memory", config.resources().memoryLimit());
        return resources;
    }

    private ObjectNode readinessProbe() {
        ObjectNode probe = JSON.objectNode();
        probe.putObject("httpGet").put("path", "/q/health/ready").put("port", config.port());
        probe.put("periodSeconds", 5);
        probe.put("failureThreshold", 3);
        return probe;
    }

    private ObjectNode securityContext() {
        ObjectNode context = JSON.objectNode();
        context.put("runAsNonRoot", true);
        context.put("runAsUser", Math.max(1, config.runAsUser()));
        context.put("readOnlyRootFilesystem", true);
        context.put("allowPrivilegeEscalation", false);
        context.putObject("capabilities").putArray("drop").add("ALL");
        context.putObject("seccompProfile").put("type", "RuntimeDefault");
        return context;
    }

    private ArrayNode volumeMounts() {
        ArrayNode mounts = JSON.arrayNode();
        mounts.addObject().put("name", TMP_VOLUME).put("mountPath", "/tmp");
        mounts.addObject().put("name", STATE_VOLUME).put("mountPath", STATE_DIR);
        if (config.bundleKeySecret().isPresent()) {
            mounts.addObject().put("name", KEY_VOLUME).put("mountPath", KEY_DIR).put("readOnly", true);
        }
        return mounts;
    }

    private List<ObjectNode> volumes() {
        List<ObjectNode> volumes = new ArrayList<>();
        ObjectNode tmp = JSON.objectNode().put("name", TMP_VOLUME);
        tmp.putObject("emptyDir").put("sizeLimit", "16Mi");
        volumes.add(tmp);
        ObjectNode state = JSON.objectNode().put("name", STATE_VOLUME);
        state.putObject("emptyDir").put("sizeLimit", "256Mi");
        volumes.add(state);
        config.bundleKeySecret().ifPresent(secret -> {
            ObjectNode key = JSON.objectNode().put("name", KEY_VOLUME);
            key.putObject("secret").put("secretName", secret);
            volumes.add(key);
        });
        return volumes;
    }
}
