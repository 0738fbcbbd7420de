package io.gatehouse.admission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.JsonPatch;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** {@code POST /k8s/mutate} over HTTP, with real captured reviews. */
@QuarkusTest
class MutateResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PRIVILEGED_POD =
            CorpusFiles.admission().resolve("kubewarden-pod-privileged--pod-create-privileged.admissionreview.v1.json");

    @Test
    void whenTheCapturedPodDidNotOptInThenItIsAllowedUnpatchedWithItsUid() {
        post("/k8s/mutate", SidecarInjectorTest.read(PRIVILEGED_POD))
                .statusCode(200)
                .body("apiVersion", equalTo("admission.k8s.io/v1"))
                .body("kind", equalTo("AdmissionReview"))
                .body("response.uid", equalTo("1299d386-525b-4032-98ae-1949f69f9cfc"))
                .body("response.allowed", equalTo(true))
                .body("response.patch", nullValue());
    }

    @Test
    void whenTheNamespaceOptedInThenTheReturnedPatchAddsTheSidecarToTheCapturedPod() throws Exception {
        JsonNode review = SidecarInjectorTest.read(PRIVILEGED_POD);

        JsonNode response = JSON.readTree(post("/k8s/mutate/namespace", review)
                .statusCode(200)
                .body("response.allowed", equalTo(true))
                .body("response.patchType", equalTo("JSONPatch"))
                .extract().asString()).path("response");
        JsonNode patch = JSON.readTree(Base64.getDecoder().decode(response.path("patch").asText()));
        JsonNode patched = JsonPatch.apply(patch, review.at("/request/object"));

        assertThat(SidecarInjectorTest.containerNames(patched))
                .containsExactly("sleeping-sidecar", "nginx", "gatehouse-sidecar");
        assertThat(SidecarInjectorTest.env(SidecarInjectorTest.sidecar(patched), "QUARKUS_PROFILE"))
                .isEqualTo("sidecar");
    }

    @Test
    void whenThePodLabelOptsInThroughTheDefaultHookThenItIsPatched() {
        ObjectNode review = (ObjectNode) SidecarInjectorTest.read(PRIVILEGED_POD);
        ((ObjectNode) review.at("/request/object/metadata/labels")).put("gatehouse.io/inject", "true");

        post("/k8s/mutate", review).statusCode(200).body("response.patchType", equalTo("JSONPatch"));
    }

    @Test
    void whenTheReviewIsV1beta1ThenTheAnswerIsV1beta1() {
        ObjectNode review = (ObjectNode) SidecarInjectorTest.read(PRIVILEGED_POD);
        review.put("apiVersion", "admission.k8s.io/v1beta1");

        post("/k8s/mutate/namespace", review)
                .statusCode(200)
                .body("apiVersion", equalTo("admission.k8s.io/v1beta1"))
                .body("response.uid", equalTo("1299d386-525b-4032-98ae-1949f69f9cfc"))
                .body("response.patchType", equalTo("JSONPatch"));
    }

    @Test
    void whenTheReviewIsAnUpdateThenNothingIsPatched() {
        ObjectNode review = (ObjectNode) SidecarInjectorTest.read(PRIVILEGED_POD);
        ((ObjectNode) review.get("request")).put("operation", "UPDATE");

        post("/k8s/mutate/namespace", review).statusCode(200)
                .body("response.allowed", equalTo(true))
                .body("response.patch", nullValue());
    }

    @Test
    void whenTheOperationIsUnknownThenTheReviewIsDeniedWithTheReason() {
        ObjectNode review = (ObjectNode) SidecarInjectorTest.read(PRIVILEGED_POD);
        ((ObjectNode) review.get("request")).put("operation", "PATCH");

        post("/k8s/mutate/namespace", review).statusCode(200)
                .body("response.allowed", equalTo(false))
                .body("response.status.code", equalTo(400))
                .body("response.status.message",
                        equalTo("request.operation: expected CREATE, UPDATE, DELETE or CONNECT, got 'PATCH'"));
    }

    @Test
    void whenTheBodyIsNotJsonThenA400ProblemNamesTheBody() {
        given().contentType("application/json").body("{\"apiVersion\": ").post("/k8s/mutate")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void whenTheUidIsMissingThenA400ProblemNamesTheField() {
        ObjectNode review = (ObjectNode) SidecarInjectorTest.read(PRIVILEGED_POD);
        ((ObjectNode) review.get("request")).remove("uid");

        post("/k8s/mutate", review).statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("request.uid"));
    }

    @Test
    void whenTheApiVersionIsUnknownThenA400ProblemNamesTheField() {
        ObjectNode review = (ObjectNode) SidecarInjectorTest.read(PRIVILEGED_POD);
        review.put("apiVersion", "admission.k8s.io/v2");

        post("/k8s/mutate", review).statusCode(400).body("errors[0].field", equalTo("apiVersion"));
    }

    static ValidatableResponse post(String path, JsonNode review) {
        return given().contentType("application/json")
                .body(review.toString().getBytes(StandardCharsets.UTF_8))
                .post(path).then();
    }
}
