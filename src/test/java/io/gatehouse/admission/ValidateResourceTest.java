package io.gatehouse.admission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /k8s/validate} on real captured reviews: every operation, both review versions, namespaced and
 * cluster-scoped objects, enforcement actions, and failing closed.
 */
@QuarkusTest
class ValidateResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Nested
    @DisplayName("with the shipped constraints")
    class Shipped {

        @Test
        void whenANodePortServiceIsCreatedThenItIsDeniedWith403AndTheConstraintNamed() {
            JsonNode response = validate(capture("kubewarden-disallow-nodeport--service-create-nodeport"));

            assertThat(response.at("/response/uid").asText()).isEqualTo("1299d386-525b-4032-98ae-1949f69f9cfc");
            assertThat(response.at("/response/allowed").asBoolean()).isFalse();
            assertThat(response.at("/response/status/code").asInt()).isEqualTo(403);
            assertThat(response.at("/response/status/message").asText())
                    .isEqualTo("[no-nodeport-services] User is not allowed to create service of type NodePort");
        }

        @Test
        void whenAPodIsDeletedThenItIsAllowedSinceThePodRulesJudgeTheNewObjectOnly() {
            JsonNode response = validate(capture("kubewarden-pod-runtime-class--pod-delete"));

            assertThat(response.at("/response/allowed").asBoolean()).isTrue();
            assertThat(response.at("/response/status").isMissingNode()).isTrue();
        }

        @Test
        void whenAClusterScopedNamespaceIsCreatedThenNoPodRuleAppliesAndItIsAllowed() {
            JsonNode response = validate(capture("kubewarden-psa-label-enforcer--namespace-create"));

            assertThat(response.at("/response/allowed").asBoolean()).isTrue();
        }

        @Test
        void whenADeploymentWithoutANameLabelIsUpdatedThenAWarnConstraintWarnsAndAdmits() {
            JsonNode response = validate(capture("kubewarden-echo--deployment-update-accept"));

            assertThat(response.at("/response/allowed").asBoolean()).isTrue();
            assertThat(response.at("/response/warnings").toString()).isEqualTo(
                    "[\"[workloads-name-themselves] you must provide labels: {\\\"app.kubernetes.io/name\\\"}\"]");
        }

        @Test
        void whenThePrivilegedCapturedPodIsCreatedThenEveryViolationIsListed() {
            JsonNode response = validate(capture("kubewarden-pod-privileged--pod-create-privileged"));

            assertThat(response.at("/response/allowed").asBoolean()).isFalse();
            assertThat(response.at("/response/status/message").asText().split("\n")).contains(
                    "[no-privileged-containers] Privileged container is not allowed: nginx, securityContext: "
                            + "{\"privileged\": true}",
                    "[no-privilege-escalation] Privilege escalation container is not allowed: sleeping-sidecar",
                    "[container-limits] container <nginx> has no resource limits",
                    "[no-latest-tag] container <nginx> didn't specify an image tag <nginx>");
            assertThat(response.at("/response/warnings").toString())
                    .contains("[read-only-root-filesystem] only read-only root filesystem container is allowed: nginx");
        }

        @Test
        void whenTheRequestIsADryRunThenTheVerdictIsTheSame() {
            ObjectNode review = capture("kubewarden-disallow-nodeport--service-create-nodeport");
            ((ObjectNode) review.get("request")).put("dryRun", true);

            JsonNode response = validate(review);

            assertThat(response.at("/response/allowed").asBoolean()).isFalse();
            assertThat(response.at("/response/status/message").asText()).contains("no-nodeport-services");
        }

        @Test
        void whenTheReviewIsV1beta1ThenTheAnswerIsV1beta1() {
            ObjectNode review = capture("kubewarden-disallow-nodeport--service-create-nodeport");
            review.put("apiVersion", "admission.k8s.io/v1beta1");

            JsonNode response = validate(review);

            assertThat(response.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1beta1");
            assertThat(response.at("/response/allowed").asBoolean()).isFalse();
        }

        @Test
        void whenAPodExecConnectsThenItIsJudgedAndAllowed() {
            ObjectNode request = JSON.createObjectNode().put("uid", "connect-1").put("operation", "CONNECT")
                    .put("namespace", "default").put("name", "web");
            request.putObject("kind").put("group", "").put("version", "v1").put("kind", "PodExecOptions");
            request.putObject("object").put("apiVersion", "v1").put("kind", "PodExecOptions")
                    .put("container", "app").putArray("command").add("sh");

            JsonNode response = validate(SidecarInjectorTest.wrap(request, AdmissionReview.V1));

            assertThat(response.at("/response/uid").asText()).isEqualTo("connect-1");
            assertThat(response.at("/response/allowed").asBoolean()).isTrue();
        }
    }

    @Nested
    @DisplayName("with constraints chosen by the test")
    class Chosen {

        @Test
        void whenOnlyThePrivilegedRuleAppliesThenThePrivilegedCaptureHasOneViolationForNginx() {
            use(corpusConstraint("privileged-containers", "constraint.yaml"));

            JsonNode response = validate(capture("kubewarden-pod-privileged--pod-create-privileged"));

            assertThat(response.at("/response/status/message").asText()).isEqualTo(
                    "[psp-privileged-container] Privileged container is not allowed: nginx, securityContext: "
                            + "{\"privileged\": true}");
        }

        @Test
        void whenOnlyThePrivilegedRuleAppliesThenTheUnprivilegedCaptureIsAllowed() {
            use(corpusConstraint("privileged-containers", "constraint.yaml"));

            assertThat(validate(capture("kubewarden-pod-privileged--pod-create-unprivileged"))
                    .at("/response/allowed").asBoolean()).isTrue();
        }

        @Test
        void whenANamespaceLacksARequiredLabelThenTheClusterScopedObjectIsDenied() {
            use(corpusConstraint("requiredlabels", "constraint.yaml"));

            JsonNode response = validate(capture("kubewarden-psa-label-enforcer--namespace-create"));

            assertThat(response.at("/response/status/message").asText()).startsWith("[all-must-have-owner] ");
        }

        @Test
        void whenTheActionIsWarnThenViolationsAreWarningsAndWhenDryrunTheyAreOnlyAudited() {
            Constraint deny = corpusConstraint("block-nodeport-services", "constraint.yaml");
            use(new Constraint(deny.kind(), "warned", deny.match(), deny.parameters(), EnforcementAction.WARN),
                    new Constraint(deny.kind(), "tried", deny.match(), deny.parameters(), EnforcementAction.DRYRUN));

            JsonNode response = validate(capture("kubewarden-disallow-nodeport--service-create-nodeport"));

            assertThat(response.at("/response/allowed").asBoolean()).isTrue();
            assertThat(response.at("/response/warnings").toString())
                    .isEqualTo("[\"[warned] User is not allowed to create service of type NodePort\"]");
        }

        @Test
        void whenThePolicyAsksForAWarningInItsObligationsThenTheAllowedAnswerCarriesIt() {
            Constraint constraint = corpusConstraint("httpsonly", "constraint-tls-optional.yaml");
            use(constraint);
            JsonNode ingress = GatekeeperCorpusTest.read(CorpusFiles.gatekeeper().resolve("httpsonly")
                    .resolve("allowed-tls-optional--example-allowed-tls-optional.yaml"));

            JsonNode response = validate(GatekeeperCorpusTest.review(ingress));

            assertThat(response.at("/response/allowed").asBoolean()).isTrue();
            assertThat(response.at("/response/warnings").toString()).isEqualTo("[\"[" + constraint.name()
                    + "] ingress " + ingress.at("/metadata/name").asText()
                    + " has no TLS: its traffic is not encrypted\"]");
        }

        @Test
        void whenAConstraintDoesNotMatchTheNamespaceThenItIsNotJudged() {
            Constraint deny = corpusConstraint("block-nodeport-services", "constraint.yaml");
            ObjectNode match = deny.match().deepCopy();
            match.putArray("excludedNamespaces").add("default");
            use(new Constraint(deny.kind(), deny.name(), match, deny.parameters(), EnforcementAction.DENY));

            assertThat(validate(capture("kubewarden-disallow-nodeport--service-create-nodeport"))
                    .at("/response/allowed").asBoolean()).isTrue();
        }
    }

    @Nested
    @DisplayName("failing closed")
    class FailingClosed {

        @Test
        void whenNoPolicyJudgesTheConstraintKindThenTheRequestIsDenied() {
            Constraint unknown = new Constraint("K8sNoSuchTemplate", "orphan", JSON.createObjectNode(),
                    JSON.createObjectNode(), EnforcementAction.WARN);
            use(unknown);

            JsonNode response = validate(capture("kubewarden-psa-label-enforcer--namespace-create"));

            assertThat(response.at("/response/allowed").asBoolean()).isFalse();
            assertThat(response.at("/response/status/message").asText())
                    .isEqualTo("[orphan] no policy judges constraint kind 'K8sNoSuchTemplate'");
        }

        @Test
        void whenTheTemplateNamesAMissingPolicyThenTheRequestIsDenied() {
            Constraint constraint = corpusConstraint("block-nodeport-services", "constraint.yaml");
            QuarkusMock.installMockForType(FakeConstraints.of(List.of(constraint),
                    Map.of("K8sBlockNodePort", "k8s.no_such_policy")), ConstraintSource.class);

            JsonNode response = validate(capture("kubewarden-disallow-nodeport--service-create-nodeport"));

            assertThat(response.at("/response/allowed").asBoolean()).isFalse();
            assertThat(response.at("/response/status/message").asText())
                    .startsWith("[block-node-port] policy k8s.no_such_policy failed: ");
        }

        @Test
        void whenThePolicyErrsThenTheRequestIsDeniedEvenUnderAWarnConstraint() {
            Constraint broken = Constraint.of(json("""
                    {"kind": "K8sRequiredLabels", "metadata": {"name": "bad-regex"},
                     "spec": {"enforcementAction": "warn",
                              "parameters": {"labels": [{"key": "app", "allowedRegex": "(unclosed"}]}}}"""));
            use(broken);
            ObjectNode review = capture("kubewarden-pod-privileged--pod-create-unprivileged");
            ((ObjectNode) review.at("/request/object/metadata/labels")).put("app", "web");

            JsonNode response = validate(review);

            assertThat(response.at("/response/allowed").asBoolean()).isFalse();
            assertThat(response.at("/response/status/message").asText())
                    .startsWith("[bad-regex] policy k8s.requiredlabels failed: ");
        }

        @Test
        void whenNoConstraintsCanBeReadThenTheRequestIsDeniedWithTheReason() {
            QuarkusMock.installMockForType(FakeConstraints.unavailable("no policy revision is loaded"),
                    ConstraintSource.class);

            JsonNode response = validate(capture("kubewarden-psa-label-enforcer--namespace-create"));

            assertThat(response.at("/response/allowed").asBoolean()).isFalse();
            assertThat(response.at("/response/status/code").asInt()).isEqualTo(500);
            assertThat(response.at("/response/status/message").asText())
                    .isEqualTo("gatehouse cannot judge this request: no policy revision is loaded");
        }

        @Test
        void whenTheOperationIsMissingThenTheReviewIsDeniedAsMalformed() {
            ObjectNode review = capture("kubewarden-disallow-nodeport--service-create-nodeport");
            ((ObjectNode) review.get("request")).remove("operation");

            JsonNode response = validate(review);

            assertThat(response.at("/response/allowed").asBoolean()).isFalse();
            assertThat(response.at("/response/status/code").asInt()).isEqualTo(400);
            assertThat(response.at("/response/status/message").asText()).startsWith("request.operation: ");
        }

        @Test
        void whenACreateCarriesNoObjectThenTheReviewIsDeniedAsMalformed() {
            ObjectNode review = capture("kubewarden-disallow-nodeport--service-create-nodeport");
            ((ObjectNode) review.get("request")).putNull("object");

            JsonNode response = validate(review);

            assertThat(response.at("/response/allowed").asBoolean()).isFalse();
            assertThat(response.at("/response/status/message").asText())
                    .isEqualTo("request.object: a CREATE review must carry the object");
        }

        @Test
        void whenTheBodyIsNotAReviewThenA400ProblemNamesTheField() {
            given().contentType("application/json").body("{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"Pod\"}")
                    .post("/k8s/validate").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", org.hamcrest.Matchers.equalTo("kind"));
        }

        @Test
        void whenTheBodyIsNotJsonThenA400ProblemNamesTheBody() {
            given().contentType("application/json").body("not json").post("/k8s/validate").then().statusCode(400)
                    .body("errors[0].field", org.hamcrest.Matchers.equalTo("body"));
        }
    }

    // --- helpers

    static void use(Constraint... constraints) {
        QuarkusMock.installMockForType(FakeConstraints.of(List.of(constraints)), ConstraintSource.class);
    }

    static Constraint corpusConstraint(String policy, String file) {
        return Constraint.of(GatekeeperCorpusTest.read(CorpusFiles.gatekeeper().resolve(policy).resolve(file)));
    }

    static ObjectNode capture(String name) {
        return (ObjectNode) SidecarInjectorTest.read(
                CorpusFiles.admission().resolve(name + ".admissionreview.v1.json"));
    }

    static JsonNode validate(JsonNode review) {
        return GatekeeperCorpusTest.validate(review);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

}
