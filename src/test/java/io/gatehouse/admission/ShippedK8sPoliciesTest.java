package io.gatehouse.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.engine.PolicyEngine;
import io.gatehouse.engine.Revision;
import io.gatehouse.engine.TestReport;
import io.gatehouse.value.Value;
import io.gatehouse.value.Values;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The admission policies shipped in {@code policies/} compile, and their data is what the hook expects. */
class ShippedK8sPoliciesTest {

    @Test
    void thePolicyDirectoryCompilesAndEveryTemplateNamesALoadedPackage() throws Exception {
        Revision revision = PolicyEngine.load(Path.of("policies"));

        JsonNode templates = Values.toJson(revision.query("k8s.templates", Value.Null.INSTANCE).orElseThrow());
        assertThat(templates.size()).isEqualTo(10);
        templates.fields().forEachRemaining(entry ->
                assertThat(revision.packages()).as(entry.getKey()).contains(entry.getValue().asText()));
    }

    @Test
    void theKubernetesPolicyUnitTestsPass() throws Exception {
        TestReport report = PolicyEngine.load(Path.of("policies")).runTests(false);

        List<TestReport.TestResult> k8s = report.results().stream()
                .filter(result -> result.test().startsWith("k8s.")).toList();
        assertThat(k8s).hasSizeGreaterThanOrEqualTo(9);
        assertThat(k8s).allSatisfy(result ->
                assertThat(result.passed()).as("%s at %s: %s", result.test(), result.location(), result.failure())
                        .isTrue());
    }

    @Test
    void everyShippedConstraintHasATemplateAndParses() throws Exception {
        Revision revision = PolicyEngine.load(Path.of("policies"));
        JsonNode templates = Values.toJson(revision.query("k8s.templates", Value.Null.INSTANCE).orElseThrow());
        List<Constraint> constraints = new ArrayList<>();

        RevisionConstraintSource.collect(
                Values.toJson(revision.query("k8s.constraints", Value.Null.INSTANCE).orElseThrow()), constraints);

        assertThat(constraints).hasSizeGreaterThanOrEqualTo(9);
        constraints.forEach(constraint -> assertThat(templates.has(constraint.kind())).as(constraint.name()).isTrue());
    }
}
