package io.gatehouse.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Gatekeeper's {@code spec.match}, decided in the hook before any policy runs. */
class ConstraintMatcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no match block matches everything                   | {}                                                                  | true
            kind and core group match                           | {"kinds": [{"apiGroups": [""], "kinds": ["Pod"]}]}                  | true
            another kind does not match                         | {"kinds": [{"apiGroups": [""], "kinds": ["Service"]}]}              | false
            the same kind in another group does not match       | {"kinds": [{"apiGroups": ["apps"], "kinds": ["Pod"]}]}              | false
            a star matches any group and kind                   | {"kinds": [{"apiGroups": ["*"], "kinds": ["*"]}]}                   | true
            any entry of the kinds list may match               | {"kinds": [{"apiGroups": ["x"], "kinds": ["Y"]}, {"apiGroups": [""], "kinds": ["Pod"]}]} | true
            the namespace is listed                             | {"namespaces": ["team-a"]}                                          | true
            the namespace is not listed                         | {"namespaces": ["team-b"]}                                          | false
            a trailing star is a namespace prefix               | {"namespaces": ["team-*"]}                                          | true
            an excluded namespace does not match                | {"excludedNamespaces": ["team-a"]}                                  | false
            an excluded prefix does not match                   | {"excludedNamespaces": ["team*"]}                                   | false
            another excluded namespace leaves it matching       | {"excludedNamespaces": ["kube-system"]}                             | true
            a namespaced object matches the Namespaced scope    | {"scope": "Namespaced"}                                             | true
            a namespaced object does not match the Cluster scope | {"scope": "Cluster"}                                               | false
            matchLabels on the object's labels                  | {"labelSelector": {"matchLabels": {"app": "web"}}}                  | true
            matchLabels with another value                      | {"labelSelector": {"matchLabels": {"app": "db"}}}                   | false
            matchExpressions In                                 | {"labelSelector": {"matchExpressions": [{"key": "app", "operator": "In", "values": ["web", "db"]}]}} | true
            matchExpressions NotIn                              | {"labelSelector": {"matchExpressions": [{"key": "app", "operator": "NotIn", "values": ["web"]}]}} | false
            matchExpressions DoesNotExist                       | {"labelSelector": {"matchExpressions": [{"key": "tier", "operator": "DoesNotExist"}]}} | true
            an unknown operator matches nothing                 | {"labelSelector": {"matchExpressions": [{"key": "app", "operator": "Near"}]}} | false
            """)
    void podInTeamA(String note, String match, boolean expected) {
        JsonNode pod = json("""
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "labels": {"app": "web"}}}""");

        assertThat(ConstraintMatcher.matches(constraint(match), review("team-a", pod))).as(note).isEqualTo(expected);
    }

    @Test
    void whenTheObjectStatesNoNamespaceThenTheNamespaceFiltersDoNotExcludeIt() {
        JsonNode pod = json("""
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}}""");

        assertThat(ConstraintMatcher.matches(constraint("{\"namespaces\": [\"default\"]}"), review(null, pod))).isTrue();
        assertThat(ConstraintMatcher.matches(constraint("{\"excludedNamespaces\": [\"default\"]}"), review(null, pod)))
                .isTrue();
    }

    @Test
    void aNamespaceObjectIsInItsOwnNamespaceAndClusterScoped() {
        JsonNode namespace = json("""
                {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "kube-system"}}""");

        assertThat(ConstraintMatcher.matches(constraint("{\"excludedNamespaces\": [\"kube-system\"]}"),
                review(null, namespace))).isFalse();
        assertThat(ConstraintMatcher.matches(constraint("{\"scope\": \"Cluster\"}"), review(null, namespace)))
                .isTrue();
    }

    @Test
    void whenTheRequestHasNoKindThenTheGroupComesFromTheObjectsApiVersion() {
        JsonNode ingress = json("""
                {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "i"}}""");
        ObjectNode request = JSON.createObjectNode().put("uid", "u").put("operation", "CREATE");
        request.set("object", ingress);
        AdmissionReview review = AdmissionReview.of(SidecarInjectorTest.wrap(request, AdmissionReview.V1));

        assertThat(ConstraintMatcher.matches(constraint("""
                {"kinds": [{"apiGroups": ["networking.k8s.io"], "kinds": ["Ingress"]}]}"""), review)).isTrue();
        assertThat(ConstraintMatcher.matches(constraint("""
                {"kinds": [{"apiGroups": [""], "kinds": ["Ingress"]}]}"""), review)).isFalse();
    }

    @Test
    void aDeleteIsMatchedOnItsOldObject() {
        JsonNode pod = json("""
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "labels": {"app": "web"}}}""");

        AdmissionReview delete = SidecarInjectorTest.review("DELETE", "team-a", null, pod);

        assertThat(ConstraintMatcher.matches(constraint("""
                {"labelSelector": {"matchLabels": {"app": "web"}}}"""), delete)).isTrue();
    }

    @Test
    void constraintsAreFoundInAnyDataLayoutAndAMalformedOneIsRefused() {
        JsonNode data = json("""
                {"a": {"one": {"kind": "K1", "metadata": {"name": "one"}, "spec": {"enforcementAction": "warn"}}},
                 "b": [{"kind": "K2", "metadata": {"name": "two"}}], "note": "not a constraint"}""");
        List<Constraint> found = new ArrayList<>();

        RevisionConstraintSource.collect(data, found);

        assertThat(found).extracting(Constraint::name).containsExactly("one", "two");
        assertThat(found.get(0).action()).isEqualTo(EnforcementAction.WARN);
        assertThat(found.get(1).action()).isEqualTo(EnforcementAction.DENY);
        assertThatThrownBy(() -> Constraint.of(json("""
                {"kind": "K", "metadata": {"name": "n"}, "spec": {"enforcementAction": "scream"}}""")))
                .hasMessageContaining("unknown enforcementAction 'scream'");
    }

    private static Constraint constraint(String match) {
        return new Constraint("K", "c", json(match), JSON.createObjectNode(), EnforcementAction.DENY);
    }

    private static AdmissionReview review(String namespace, JsonNode object) {
        ObjectNode request = JSON.createObjectNode().put("uid", "u").put("operation", "CREATE");
        String apiVersion = object.path("apiVersion").asText();
        request.putObject("kind").put("group", apiVersion.contains("/") ? apiVersion.split("/")[0] : "")
                .put("version", "v1").put("kind", object.path("kind").asText());
        if (namespace != null) {
            request.put("namespace", namespace);
        }
        request.set("object", object);
        return AdmissionReview.of(SidecarInjectorTest.wrap(request, AdmissionReview.V1));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
