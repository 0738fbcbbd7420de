package io.gatehouse.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.JsonPatch;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gatehouse admits itself: its own manifests from {@code k8s/}, the pod its Deployment creates, and a pod carrying
 * the sidecar it injects all pass its own validating hook under the shipped constraints, without a warning.
 */
@QuarkusTest
class SelfAdmissionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyManifestOfTheKustomizeBasePassesWithoutAWarning() throws Exception {
        List<JsonNode> documents = K8sManifestsTest.documents(K8sManifestsTest.K8S);

        for (JsonNode document : documents) {
            JsonNode response = GatekeeperCorpusTest.validate(create(document, "gatehouse"));

            assertThat(response.at("/response/allowed").asBoolean()).as("%s %s: %s", document.path("kind"),
                    document.at("/metadata/name"), response.at("/response/status/message")).isTrue();
            assertThat(response.at("/response/warnings").isMissingNode()).as("warnings for %s: %s",
                    document.path("kind"), response.at("/response/warnings")).isTrue();
        }
    }

    @Test
    void thePodTheDeploymentCreatesPassesWithoutAWarning() throws Exception {
        JsonNode deployment = K8sManifestsTest.only("Deployment");
        ObjectNode pod = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode metadata = deployment.at("/spec/template/metadata").deepCopy();
        metadata.put("name", "gatehouse-7d9f8b6c5d-x2x9q");
        pod.set("metadata", metadata);
        pod.set("spec", deployment.at("/spec/template/spec"));

        JsonNode response = GatekeeperCorpusTest.validate(create(pod, "gatehouse"));

        assertThat(response.at("/response/allowed").asBoolean()).as("%s", response).isTrue();
        assertThat(response.at("/response/warnings").isMissingNode()).as("%s", response).isTrue();
    }

    @Test
    void aCompliantPodWithTheInjectedSidecarStillPassesWithoutAWarning() throws Exception {
        JsonNode pod = JSON.readTree("""
                {"apiVersion": "v1", "kind": "Pod",
                 "metadata": {"name": "payments-0", "namespace": "payments", "labels": {"app": "payments"}},
                 "spec": {"containers": [{"name": "app", "image": "registry.example/payments:2.4.1",
                   "resources": {"limits": {"cpu": "1", "memory": "512Mi"}},
                   "securityContext": {"allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true,
                                       "runAsNonRoot": true}}]}}""");
        JsonNode before = GatekeeperCorpusTest.validate(create(pod, "payments"));
        assertThat(before.at("/response/allowed").asBoolean()).isTrue();

        JsonNode mutated = JSON.readTree(MutateResourceTest.post("/k8s/mutate/namespace", create(pod, "payments"))
                .statusCode(200).extract().asString());
        JsonNode patch = JSON.readTree(Base64.getDecoder().decode(mutated.at("/response/patch").asText()));
        JsonNode injected = JsonPatch.apply(patch, pod);
        JsonNode after = GatekeeperCorpusTest.validate(create(injected, "payments"));

        assertThat(SidecarInjectorTest.containerNames(injected)).containsExactly("app", "gatehouse-sidecar");
        assertThat(after.at("/response/allowed").asBoolean()).as("%s", after).isTrue();
        assertThat(after.at("/response/warnings").isMissingNode()).as("%s", after).isTrue();
    }

    static ObjectNode create(JsonNode object, String namespace) {
        ObjectNode review = GatekeeperCorpusTest.review(object);
        ObjectNode request = (ObjectNode) review.get("request");
        if (!object.path("kind").asText().startsWith("Cluster") && !object.path("kind").asText().equals("Namespace")
                && !object.path("kind").asText().endsWith("WebhookConfiguration")) {
            request.put("namespace", namespace);
        }
        return review;
    }
}
