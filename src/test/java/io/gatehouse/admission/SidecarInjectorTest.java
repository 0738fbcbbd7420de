package io.gatehouse.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Sidecar injection, checked by applying every returned patch to the original pod. */
class SidecarInjectorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SidecarInjector injector = new SidecarInjector(FakeSidecarConfig.defaults());

    @Nested
    @DisplayName("opting in and out")
    class OptIn {

        @Test
        void whenPodLabelSaysTrueThenTheSidecarIsInjected() {
            JsonNode pod = pod("""
                    {"metadata": {"name": "a", "labels": {"gatehouse.io/inject": "true"}},
                     "spec": {"containers": [{"name": "app", "image": "app:1"}]}}""");

            JsonNode patched = apply(pod, injector.decide(create(pod), false));

            assertThat(containerNames(patched)).containsExactly("app", "gatehouse-sidecar");
        }

        @Test
        void whenPodAnnotationSaysTrueThenTheSidecarIsInjected() {
            JsonNode pod = pod("""
                    {"metadata": {"name": "a", "annotations": {"gatehouse.io/inject": "true"}},
                     "spec": {"containers": [{"name": "app", "image": "app:1"}]}}""");

            JsonNode patched = apply(pod, injector.decide(create(pod), false));

            assertThat(containerNames(patched)).containsExactly("app", "gatehouse-sidecar");
        }

        @Test
        void whenNeitherPodNorNamespaceOptInThenNothingIsInjected() {
            JsonNode pod = pod("""
                    {"metadata": {"name": "a", "labels": {"gatehouse.io/inject": "yes"}},
                     "spec": {"containers": [{"name": "app", "image": "app:1"}]}}""");

            assertThat(injector.decide(create(pod), false)).isEqualTo(new Injection.Skip("the pod did not opt in"));
        }

        @Test
        void whenPodAnnotationSaysFalseThenANamespaceOptInDoesNotInject() {
            JsonNode pod = pod("""
                    {"metadata": {"name": "a", "annotations": {"gatehouse.io/inject": "false"},
                                  "labels": {"gatehouse.io/inject": "true"}},
                     "spec": {"containers": [{"name": "app", "image": "app:1"}]}}""");

            assertThat(injector.decide(create(pod), true)).isInstanceOf(Injection.Skip.class);
        }

        @Test
        void whenNamespaceIsExcludedThenNothingIsInjectedEvenIfThePodAsks() {
            JsonNode pod = pod("""
                    {"metadata": {"name": "a", "labels": {"gatehouse.io/inject": "true"}},
                     "spec": {"containers": [{"name": "app", "image": "app:1"}]}}""");

            Injection injection = injector.decide(review("CREATE", "kube-system", pod, null), true);

            assertThat(injection).isEqualTo(new Injection.Skip("namespace 'kube-system' is excluded"));
        }
    }

    @Nested
    @DisplayName("operations and kinds")
    class Operations {

        @Test
        void whenUpdateThenNeverPatched() {
            JsonNode pod = optedInPod();

            assertThat(injector.decide(review("UPDATE", "default", pod, pod), true))
                    .isEqualTo(new Injection.Skip("only CREATE is patched"));
        }

        @Test
        void whenDeleteOrConnectThenNeverPatched() {
            JsonNode pod = optedInPod();

            assertThat(injector.decide(review("DELETE", "default", null, pod), true)).isInstanceOf(Injection.Skip.class);
            assertThat(injector.decide(review("CONNECT", "default", pod, null), true))
                    .isInstanceOf(Injection.Skip.class);
        }

        @Test
        void whenNotAPodThenNothingIsInjected() {
            ObjectNode review = (ObjectNode) create(optedInPod()).request();
            review.putObject("kind").put("group", "apps").put("version", "v1").put("kind", "Deployment");

            assertThat(injector.decide(AdmissionReview.of(wrap(review, AdmissionReview.V1)), true))
                    .isEqualTo(new Injection.Skip("not a pod"));
        }

        @Test
        void whenCreateCarriesNoObjectThenTheReviewIsRefused() {
            assertThat(injector.decide(review("CREATE", "default", null, null), true))
                    .isInstanceOf(Injection.Refuse.class);
        }
    }

    @Nested
    @DisplayName("the patch")
    class ThePatch {

        @Test
        void whenPodHasNoAnnotationsNorLabelsNorVolumesThenThePatchCreatesThem() {
            JsonNode pod = pod("""
                    {"metadata": {"name": "bare"}, "spec": {"containers": [{"name": "app", "image": "app:1"}]}}""");

            JsonNode patched = apply(pod, injector.decide(create(pod), true));

            assertThat(patched.at("/metadata/annotations").properties()).hasSize(1);
            assertThat(patched.at("/metadata/annotations/gatehouse.io~1sidecar-injected").asText())
                    .isEqualTo("registry.test/gatehouse:9.9.9");
            assertThat(names(patched.at("/spec/volumes"))).containsExactly("gatehouse-tmp", "gatehouse-state");
        }

        @Test
        void whenPodHasNoMetadataAtAllThenThePatchCreatesIt() {
            JsonNode pod = pod("""
                    {"spec": {"containers": [{"name": "app", "image": "app:1"}]}}""");

            JsonNode patched = apply(pod, injector.decide(create(pod), true));

            assertThat(patched.at("/metadata/annotations/gatehouse.io~1sidecar-injected").isTextual()).isTrue();
        }

        @Test
        void whenPodHasNoSpecThenThePatchCreatesContainersAndVolumes() {
            JsonNode pod = pod("""
                    {"metadata": {"name": "a"}}""");

            JsonNode patched = apply(pod, injector.decide(create(pod), true));

            assertThat(containerNames(patched)).containsExactly("gatehouse-sidecar");
            assertThat(names(patched.at("/spec/volumes"))).hasSize(2);
        }

        @Test
        void whenKeysContainSlashAndTildeThenExistingMembersSurviveAndPathsAreEscaped() {
            JsonNode pod = pod("""
                    {"metadata": {"name": "a", "annotations": {"a/b~c": "1", "~0": "2", "x~1y": "3"}},
                     "spec": {"containers": [{"name": "app", "image": "app:1"}], "volumes": []}}""");

            Injection injection = injector.decide(create(pod), true);
            JsonNode patched = apply(pod, injection);

            assertThat(paths(injection)).contains("/metadata/annotations/gatehouse.io~1sidecar-injected");
            assertThat(patched.at("/metadata/annotations").get("a/b~c").asText()).isEqualTo("1");
            assertThat(patched.at("/metadata/annotations").get("~0").asText()).isEqualTo("2");
            assertThat(patched.at("/metadata/annotations").get("x~1y").asText()).isEqualTo("3");
            assertThat(patched.at("/metadata/annotations").get("gatehouse.io/sidecar-injected")).isNotNull();
        }

        @Test
        void escapingTurnsTildeFirstThenSlash() {
            assertThat(JsonPointers.escape("a/b~c")).isEqualTo("a~1b~0c");
            assertThat(JsonPointers.escape("~1")).isEqualTo("~01");
            assertThat(JsonPointers.escape("/~")).isEqualTo("~1~0");
        }

        @Test
        void whenPodHasInitContainersThenTheyStayAsTheyAreAndTheSidecarJoinsTheContainers() {
            JsonNode pod = pod("""
                    {"metadata": {"name": "a"},
                     "spec": {"initContainers": [{"name": "migrate", "image": "m:1"}],
                              "containers": [{"name": "app", "image": "app:1"}]}}""");

            JsonNode patched = apply(pod, injector.decide(create(pod), true));

            assertThat(patched.at("/spec/initContainers")).isEqualTo(pod.at("/spec/initContainers"));
            assertThat(containerNames(patched)).containsExactly("app", "gatehouse-sidecar");
        }

        @Test
        void whenPodAlreadyHasTheSidecarContainerThenItIsLeftAlone() {
            JsonNode pod = pod("""
                    {"metadata": {"name": "a"},
                     "spec": {"containers": [{"name": "app"}, {"name": "gatehouse-sidecar", "image": "old:1"}]}}""");

            assertThat(injector.decide(create(pod), true))
                    .isEqualTo(new Injection.Skip("the pod already has the sidecar"));
        }

        @Test
        void whenAnInjectedPodIsReviewedAgainThenNothingIsInjectedTwice() {
            JsonNode pod = optedInPod();
            JsonNode once = apply(pod, injector.decide(create(pod), true));

            assertThat(injector.decide(create(once), true)).isInstanceOf(Injection.Skip.class);
        }

        @Test
        void whenAVolumeNameIsTakenThenThePodIsAdmittedUnchangedWithAWarning() {
            JsonNode pod = pod("""
                    {"metadata": {"name": "a"},
                     "spec": {"containers": [{"name": "app"}], "volumes": [{"name": "gatehouse-tmp", "emptyDir": {}}]}}""");

            assertThat(injector.decide(create(pod), true)).isEqualTo(new Injection.Conflict(
                    "gatehouse sidecar not injected: the pod already has a volume named 'gatehouse-tmp'"));
        }

        @Test
        void theSidecarRunsNonRootOnAReadOnlyRootWithItsProbeEnvAndResources() {
            JsonNode sidecar = sidecar(apply(optedInPod(), injector.decide(create(optedInPod()), true)));

            assertThat(sidecar.at("/image").asText()).isEqualTo("registry.test/gatehouse:9.9.9");
            assertThat(sidecar.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
            assertThat(sidecar.at("/securityContext/runAsUser").asLong()).isEqualTo(65532);
            assertThat(sidecar.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
            assertThat(sidecar.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
            assertThat(sidecar.at("/securityContext/capabilities/drop/0").asText()).isEqualTo("ALL");
            assertThat(sidecar.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
            assertThat(sidecar.at("/readinessProbe/httpGet/port").asInt()).isEqualTo(8181);
            assertThat(sidecar.at("/ports/0/containerPort").asInt()).isEqualTo(8181);
            assertThat(sidecar.at("/resources/limits/memory").asText()).isEqualTo("192Mi");
            assertThat(sidecar.at("/resources/requests/cpu").asText()).isEqualTo("50m");
            assertThat(env(sidecar, "QUARKUS_PROFILE")).isEqualTo("sidecar");
            assertThat(env(sidecar, "GATEHOUSE_LIFECYCLE_SIDECAR_CENTRAL_URL"))
                    .isEqualTo("https://gatehouse.gatehouse.svc:8443");
            assertThat(env(sidecar, "GATEHOUSE_LIFECYCLE_SIDECAR_POLL_INTERVAL")).isEqualTo("PT30S");
            assertThat(env(sidecar, "QUARKUS_HTTP_HOST")).isEqualTo("0.0.0.0");
            assertThat(env(sidecar, "_SIDECAR_QUARKUS_HTTP_HOST")).isEqualTo("0.0.0.0");
            for (String dir : List.of("GATEHOUSE_LIFECYCLE_STATE_DIR", "GATEHOUSE_AUDIT_DIR", "GATEHOUSE_TOKEN_STATE_DIR")) {
                assertThat(env(sidecar, dir)).as(dir).startsWith("/var/lib/gatehouse/");
            }
            assertThat(sidecar.at("/volumeMounts/1/mountPath").asText()).isEqualTo("/var/lib/gatehouse");
            assertThat(env(sidecar, "GATEHOUSE_LIFECYCLE_SIDECAR_PUBLIC_KEY_FILE")).isNull();
            assertThat(names(sidecar.at("/volumeMounts"))).containsExactly("gatehouse-tmp", "gatehouse-state");
        }

        @Test
        void whenABundleKeySecretIsConfiguredThenItIsMountedReadOnlyAndPinned() {
            SidecarInjector withKey = new SidecarInjector(
                    FakeSidecarConfig.defaults().withBundleKeySecret("gatehouse-bundle-key"));

            JsonNode patched = apply(optedInPod(), withKey.decide(create(optedInPod()), true));

            assertThat(patched.at("/spec/volumes/2/secret/secretName").asText()).isEqualTo("gatehouse-bundle-key");
            assertThat(sidecar(patched).at("/volumeMounts/2/readOnly").asBoolean()).isTrue();
            assertThat(env(sidecar(patched), "GATEHOUSE_LIFECYCLE_SIDECAR_PUBLIC_KEY_FILE"))
                    .isEqualTo("/etc/gatehouse/bundle-key/bundle-signing-key.pub.pem");
        }
    }

    static Stream<Path> corpusPodCreates() throws IOException {
        try (Stream<Path> files = Files.list(CorpusFiles.admission())) {
            return files.filter(file -> file.toString().endsWith(".admissionreview.v1.json"))
                    .filter(file -> read(file).at("/request/kind/kind").asText().equals("Pod"))
                    .filter(file -> read(file).at("/request/operation").asText().equals("CREATE"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("corpusPodCreates")
    @DisplayName("a captured pod CREATE from a real API server gets the sidecar and nothing else changes")
    void capturedPodGetsTheSidecarAndNothingElseChanges(Path file) {
        AdmissionReview review = AdmissionReview.of(read(file));
        JsonNode pod = review.object().orElseThrow();

        JsonNode patched = apply(pod, injector.decide(review, true));

        assertThat(sidecar(patched).path("image").asText()).isEqualTo("registry.test/gatehouse:9.9.9");
        ObjectNode undone = patched.deepCopy();
        ((ArrayNode) undone.at("/spec/containers")).remove(undone.at("/spec/containers").size() - 1);
        ArrayNode volumes = (ArrayNode) undone.at("/spec/volumes");
        volumes.remove(volumes.size() - 1);
        volumes.remove(volumes.size() - 1);
        ((ObjectNode) undone.at("/metadata/annotations")).remove("gatehouse.io/sidecar-injected");
        assertThat(undone).isEqualTo(pod);
    }

    @Test
    void corpusHasPodCreatesToInject() throws IOException {
        assertThat(corpusPodCreates()).hasSizeGreaterThanOrEqualTo(2);
    }

    // --- helpers

    static JsonNode pod(String json) {
        try {
            ObjectNode pod = (ObjectNode) JSON.readTree(json);
            pod.put("apiVersion", "v1");
            pod.put("kind", "Pod");
            return pod;
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static JsonNode optedInPod() {
        return pod("""
                {"metadata": {"name": "a", "labels": {"app": "a"}},
                 "spec": {"containers": [{"name": "app", "image": "app:1"}]}}""");
    }

    static AdmissionReview create(JsonNode pod) {
        return review("CREATE", "default", pod, null);
    }

    static AdmissionReview review(String operation, String namespace, JsonNode object, JsonNode oldObject) {
        ObjectNode request = JSON.createObjectNode();
        request.put("uid", "705ab4f5-6393-11e8-b7cc-42010a800002");
        request.putObject("kind").put("group", "").put("version", "v1").put("kind", "Pod");
        request.putObject("resource").put("group", "").put("version", "v1").put("resource", "pods");
        request.put("namespace", namespace);
        request.put("operation", operation);
        request.set("object", object);
        request.set("oldObject", oldObject);
        return AdmissionReview.of(wrap(request, AdmissionReview.V1));
    }

    static ObjectNode wrap(JsonNode request, String apiVersion) {
        ObjectNode review = JSON.createObjectNode();
        review.put("apiVersion", apiVersion);
        review.put("kind", "AdmissionReview");
        review.set("request", request);
        return review;
    }

    static JsonNode apply(JsonNode pod, Injection injection) {
        assertThat(injection).isInstanceOf(Injection.Patch.class);
        return JsonPatch.apply(((Injection.Patch) injection).operations(), pod);
    }

    static List<String> paths(Injection injection) {
        return names(((Injection.Patch) injection).operations(), "path");
    }

    static JsonNode sidecar(JsonNode pod) {
        for (JsonNode container : pod.at("/spec/containers")) {
            if (container.path("name").asText().equals("gatehouse-sidecar")) {
                return container;
            }
        }
        throw new AssertionError("no sidecar in " + pod);
    }

    static String env(JsonNode container, String name) {
        for (JsonNode variable : container.path("env")) {
            if (variable.path("name").asText().equals(name)) {
                return variable.path("value").asText();
            }
        }
        return null;
    }

    static List<String> containerNames(JsonNode pod) {
        return names(pod.at("/spec/containers"));
    }

    static List<String> names(JsonNode list) {
        return names(list, "name");
    }

    static List<String> names(JsonNode list, String member) {
        return Stream.of(list).flatMap(node -> java.util.stream.StreamSupport.stream(node.spliterator(), false))
                .map(item -> item.path(member).asText()).toList();
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
