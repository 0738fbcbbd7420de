package io.gatehouse.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kustomize base in {@code k8s/}: every manifest parses and holds what the deployment depends on. */
class K8sManifestsTest {

    static final Path K8S = Path.of("k8s");
    private static final ObjectMapper YAML = new YAMLMapper();

    @Nested
    @DisplayName("every manifest")
    class EveryManifest {

        @Test
        void parsesAndHasApiVersionKindAndName() throws IOException {
            List<JsonNode> documents = documents(K8S);

            assertThat(documents).hasSizeGreaterThanOrEqualTo(11);
            for (JsonNode document : documents) {
                assertThat(document.path("apiVersion").asText()).as("apiVersion of %s", document).isNotEmpty();
                assertThat(document.path("kind").asText()).as("kind of %s", document).isNotEmpty();
                assertThat(document.at("/metadata/name").asText()).as("name of %s", document).isNotEmpty();
            }
        }

        @Test
        void theKustomizationListsEveryResourceFileAndNothingMissing() throws IOException {
            JsonNode kustomization = YAML.readTree(K8S.resolve("kustomization.yaml").toFile());
            List<String> listed = new ArrayList<>();
            kustomization.path("resources").forEach(resource -> listed.add(resource.asText()));

            try (Stream<Path> files = Files.list(K8S)) {
                List<String> manifests = files.map(file -> file.getFileName().toString())
                        .filter(name -> name.endsWith(".yaml"))
                        .filter(name -> !name.equals("kustomization.yaml") && !name.equals("policies-volume.yaml"))
                        .sorted().toList();
                assertThat(listed).containsExactlyInAnyOrderElementsOf(manifests);
            }
        }

        @Test
        void theBaseHasEveryKindOfObjectTheDeploymentNeeds() throws IOException {
            assertThat(kinds()).containsKeys("Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding",
                    "ConfigMap", "Deployment", "Service", "PodDisruptionBudget", "NetworkPolicy",
                    "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration");
        }
    }

    @Nested
    @DisplayName("the Deployment")
    class TheDeployment {

        private final JsonNode deployment = only("Deployment");
        private final JsonNode container = deployment.at("/spec/template/spec/containers/0");

        @Test
        void probesLivenessAndReadinessOnTheQuarkusHealthEndpoints() {
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        }

        @Test
        void declaresResourceRequestsAndLimits() {
            for (String path : List.of("/resources/requests/cpu", "/resources/requests/memory",
                    "/resources/limits/cpu", "/resources/limits/memory")) {
                assertThat(container.at(path).asText()).as(path).isNotEmpty();
            }
        }

        @Test
        void runsNonRootReadOnlyWithoutEscalationOrCapabilities() {
            JsonNode context = container.path("securityContext");

            assertThat(context.path("runAsNonRoot").asBoolean()).isTrue();
            assertThat(context.path("readOnlyRootFilesystem").asBoolean()).isTrue();
            assertThat(context.path("allowPrivilegeEscalation").isBoolean()).isTrue();
            assertThat(context.path("allowPrivilegeEscalation").asBoolean()).isFalse();
            assertThat(context.at("/capabilities/drop").toString()).isEqualTo("[\"ALL\"]");
            assertThat(context.at("/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
            assertThat(deployment.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
            assertThat(deployment.at("/spec/template/spec/securityContext/seccompProfile/type").asText())
                    .isEqualTo("RuntimeDefault");
        }

        @Test
        void mountsThePoliciesAndTheServingCertificate() {
            List<String> volumes = new ArrayList<>();
            deployment.at("/spec/template/spec/volumes").forEach(volume -> volumes.add(
                    volume.has("configMap") ? "configMap:" + volume.at("/configMap/name").asText()
                            : volume.has("secret") ? "secret:" + volume.at("/secret/secretName").asText()
                            : "other:" + volume.path("name").asText()));

            assertThat(volumes).contains("configMap:gatehouse-policies", "secret:gatehouse-webhook-tls");
        }

        @Test
        void runsMoreThanOneReplicaWithADisruptionBudget() {
            assertThat(deployment.at("/spec/replicas").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(only("PodDisruptionBudget").at("/spec/minAvailable").asInt()).isGreaterThanOrEqualTo(1);
        }
    }

    @Nested
    @DisplayName("the webhook configurations")
    class TheWebhooks {

        @Test
        void everyWebhookIsV1SideEffectFreeFailsClosedAndTimesOut() {
            for (JsonNode webhook : webhooks()) {
                String name = webhook.path("name").asText();
                assertThat(webhook.path("admissionReviewVersions").toString()).as(name).isEqualTo("[\"v1\"]");
                assertThat(webhook.path("sideEffects").asText()).as(name).isEqualTo("None");
                assertThat(webhook.path("failurePolicy").asText()).as(name).isEqualTo("Fail");
                assertThat(webhook.path("timeoutSeconds").asInt()).as(name).isBetween(1, 30);
            }
        }

        @Test
        void everyWebhookExcludesTheGatehouseNamespaceAndKubeSystem() {
            for (JsonNode webhook : webhooks()) {
                boolean excluded = false;
                for (JsonNode expression : webhook.at("/namespaceSelector/matchExpressions")) {
                    excluded |= expression.path("key").asText().equals("kubernetes.io/metadata.name")
                            && expression.path("operator").asText().equals("NotIn")
                            && expression.path("values").toString().contains("\"gatehouse\"")
                            && expression.path("values").toString().contains("\"kube-system\"");
                }
                assertThat(excluded).as(webhook.path("name").asText()).isTrue();
            }
        }

        @Test
        void everyWebhookCallsTheServiceOnItsPathAndGetsItsCaFromCertManager() {
            for (String kind : List.of("ValidatingWebhookConfiguration", "MutatingWebhookConfiguration")) {
                assertThat(only(kind).at("/metadata/annotations/cert-manager.io~1inject-ca-from").asText())
                        .isEqualTo("gatehouse/gatehouse-webhook");
            }
            assertThat(only("ValidatingWebhookConfiguration").at("/webhooks/0/clientConfig/service/path").asText())
                    .isEqualTo("/k8s/validate");
            List<String> paths = new ArrayList<>();
            only("MutatingWebhookConfiguration").path("webhooks")
                    .forEach(webhook -> paths.add(webhook.at("/clientConfig/service/path").asText()));
            assertThat(paths).containsExactlyInAnyOrder("/k8s/mutate", "/k8s/mutate/namespace");
        }

        @Test
        void theNamespaceOptInAndOptOutAreMadeByTheSelectors() {
            Map<String, String> injectOperatorByPath = new TreeMap<>();
            for (JsonNode webhook : only("MutatingWebhookConfiguration").path("webhooks")) {
                for (JsonNode expression : webhook.at("/namespaceSelector/matchExpressions")) {
                    if (expression.path("key").asText().equals("gatehouse.io/inject")) {
                        injectOperatorByPath.put(webhook.at("/clientConfig/service/path").asText(),
                                expression.path("operator").asText() + " " + expression.path("values"));
                    }
                }
            }

            assertThat(injectOperatorByPath).containsEntry("/k8s/mutate/namespace", "In [\"enabled\"]")
                    .containsEntry("/k8s/mutate", "NotIn [\"enabled\",\"disabled\"]");
        }
    }

    @Nested
    @DisplayName("RBAC and network")
    class RbacAndNetwork {

        @Test
        void theOnlyPermissionIsCreatingTokenReviews() {
            JsonNode rules = only("ClusterRole").path("rules");

            assertThat(rules).hasSize(1);
            assertThat(rules.get(0).path("resources").toString()).isEqualTo("[\"tokenreviews\"]");
            assertThat(rules.get(0).path("verbs").toString()).isEqualTo("[\"create\"]");
            assertThat(kinds()).doesNotContainKeys("Role");
        }

        @Test
        void theNetworkPolicyRestrictsIngressToTheHttpsPort() {
            JsonNode policy = only("NetworkPolicy");

            assertThat(policy.path("spec").path("policyTypes").toString()).contains("Ingress", "Egress");
            assertThat(policy.at("/spec/ingress/0/ports/0/port").asInt()).isEqualTo(8443);
        }
    }

    @Nested
    @DisplayName("generated and rendered files")
    class Generated {

        @Test
        void thePolicyConfigMapIsInSyncWithPoliciesK8s(@TempDir Path out) throws Exception {
            run(List.of("bash", K8S.resolve("sync-policies.sh").toString(), out.toString()), 60);

            for (String file : List.of("policies.yaml", "policies-volume.yaml")) {
                assertThat(Files.readString(out.resolve(file))).as("k8s/%s is stale: run k8s/sync-policies.sh", file)
                        .isEqualTo(Files.readString(K8S.resolve(file)));
            }
        }

        @Test
        void theConfigMapHoldsEveryShippedPolicyFileVerbatim() throws IOException {
            JsonNode data = only("ConfigMap").path("data");
            Path policies = Path.of("policies");

            try (Stream<Path> files = Files.walk(policies.resolve("k8s"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    if (file.toString().endsWith("_test.pol")) {
                        continue;
                    }
                    String key = policies.relativize(file).toString().replace('/', '.');
                    assertThat(data.path(key).asText()).as(key).isEqualTo(Files.readString(file));
                }
            }
        }

        @Test
        void kubectlKustomizeRendersTheBase() throws Exception {
            assumeTrue(onPath("kubectl"), "kubectl is not on PATH: the kustomize rendering is not checked");

            String rendered = run(List.of("kubectl", "kustomize", K8S.toString()), 120);
            List<JsonNode> documents = parseAll(rendered);

            assertThat(documents).hasSize(documents(K8S).size());
            for (JsonNode document : documents) {
                if (!document.path("kind").asText().startsWith("Cluster")
                        && !document.path("kind").asText().endsWith("WebhookConfiguration")
                        && !document.path("kind").asText().equals("Namespace")) {
                    assertThat(document.at("/metadata/namespace").asText()).as("%s", document.path("kind"))
                            .isEqualTo("gatehouse");
                }
            }
            JsonNode deployment = documents.stream().filter(d -> d.path("kind").asText().equals("Deployment"))
                    .findFirst().orElseThrow();
            assertThat(deployment.at("/spec/template/spec/volumes").toString())
                    .contains("\"path\":\"k8s/constraints/pod-security.yaml\"");
        }

        @Test
        void genWebhookCertsIssuesACertificateForTheServiceSignedByItsCa(@TempDir Path out) throws Exception {
            assumeTrue(onPath("openssl"), "openssl is not on PATH: the certificate script is not checked");

            run(List.of("bash", K8S.resolve("gen-webhook-certs.sh").toString(), "--out", out.toString()), 60);

            String verified = run(List.of("openssl", "verify", "-CAfile", out.resolve("ca.crt").toString(),
                    out.resolve("tls.crt").toString()), 30);
            assertThat(verified).contains("OK");
            String names = run(List.of("openssl", "x509", "-in", out.resolve("tls.crt").toString(), "-noout",
                    "-ext", "subjectAltName"), 30);
            assertThat(names).contains("DNS:gatehouse.gatehouse.svc", "DNS:gatehouse.gatehouse.svc.cluster.local");
            assertThat(out.resolve("tls.key")).exists();
        }
    }

    // --- helpers

    static List<JsonNode> documents(Path directory) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        JsonNode kustomization = YAML.readTree(directory.resolve("kustomization.yaml").toFile());
        for (JsonNode resource : kustomization.path("resources")) {
            documents.addAll(parseAll(Files.readString(directory.resolve(resource.asText()))));
        }
        return documents;
    }

    /** Every document of a multi-document YAML text, strictly: a syntax error fails the test. */
    static List<JsonNode> parseAll(String text) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(text)) {
            var iterator = YAML.readValues(parser, JsonNode.class);
            while (iterator.hasNext()) {
                JsonNode document = iterator.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    static Map<String, List<JsonNode>> kinds() {
        Map<String, List<JsonNode>> byKind = new TreeMap<>();
        try {
            documents(K8S).forEach(document ->
                    byKind.computeIfAbsent(document.path("kind").asText(), kind -> new ArrayList<>()).add(document));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return byKind;
    }

    static JsonNode only(String kind) {
        List<JsonNode> found = kinds().getOrDefault(kind, List.of());
        assertThat(found).as("manifests of kind %s", kind).hasSize(1);
        return found.get(0);
    }

    static List<JsonNode> webhooks() {
        List<JsonNode> webhooks = new ArrayList<>();
        for (String kind : List.of("ValidatingWebhookConfiguration", "MutatingWebhookConfiguration")) {
            only(kind).path("webhooks").forEach(webhooks::add);
        }
        assertThat(webhooks).hasSize(3);
        return webhooks;
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(timeoutSeconds, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("%s failed:%n%s", command, text).isZero();
        return text;
    }

}
