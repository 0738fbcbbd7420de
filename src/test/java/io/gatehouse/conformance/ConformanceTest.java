package io.gatehouse.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gatehouse.engine.DecideOptions;
import io.gatehouse.engine.Decision;
import io.gatehouse.engine.Diagnostic;
import io.gatehouse.engine.EvaluationException;
import io.gatehouse.engine.PolicyCompileException;
import io.gatehouse.engine.PolicyEngine;
import io.gatehouse.engine.Revision;
import io.gatehouse.value.Value;
import io.gatehouse.value.Values;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The golden corpus under {@code src/test/resources/conformance}: every construct and builtin of the language,
 * each case run through the indexed evaluator and, for decisions, checked against the naive one too.
 */
class ConformanceTest {

    static final List<String> FILES = List.of(
            "rules.yaml", "undefined.yaml", "comparison.yaml", "arithmetic.yaml", "collections.yaml",
            "iteration.yaml", "comprehensions.yaml", "with.yaml", "imports.yaml", "builtins.yaml",
            "errors.yaml", "decision.yaml", "large.yaml");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    @TestFactory
    Stream<DynamicTest> conformance() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String file : FILES) {
            List<ConformanceCase> cases = load(file).cases();
            for (int index = 0; index < cases.size(); index++) {
                ConformanceCase testCase = cases.get(index);
                String name = file + " #" + (index + 1) + ": " + testCase.note();
                tests.add(DynamicTest.dynamicTest(name, () -> run(testCase)));
            }
        }
        return tests.stream();
    }

    static ConformanceCase.CaseFile load(String file) throws IOException {
        try (InputStream in = ConformanceTest.class.getResourceAsStream("/conformance/" + file)) {
            assertThat(in).as("conformance file %s", file).isNotNull();
            ConformanceCase.CaseFile parsed = YAML.readValue(in, ConformanceCase.CaseFile.class);
            parsed.cases().forEach(ConformanceTest::requireOneExpectation);
            return parsed;
        }
    }

    private static void requireOneExpectation(ConformanceCase testCase) {
        int expectations = (testCase.want() != null ? 1 : 0) + (testCase.wantUndefined() != null ? 1 : 0)
                + (testCase.wantEvalError() != null ? 1 : 0) + (testCase.wantCompileError() != null ? 1 : 0)
                + (testCase.wantDecision() != null ? 1 : 0);
        if (expectations != 1 || testCase.note() == null || testCase.modules() == null) {
            throw new IllegalArgumentException("case must have a note, modules and exactly one expectation: "
                    + testCase.note());
        }
        if ((testCase.query() == null) == (testCase.decide() == null) && testCase.wantCompileError() == null) {
            throw new IllegalArgumentException("case must have exactly one of query and decide: " + testCase.note());
        }
    }

    private static void run(ConformanceCase testCase) throws Exception {
        Path dir = Files.createTempDirectory("conformance");
        for (int index = 0; index < testCase.modules().size(); index++) {
            Files.writeString(dir.resolve("m" + index + ".pol"), testCase.modules().get(index));
        }
        if (testCase.data() != null) {
            for (Map.Entry<String, JsonNode> document : testCase.data().entrySet()) {
                Files.writeString(dir.resolve(document.getKey()), JSON.writeValueAsString(document.getValue()));
            }
        }
        Revision revision;
        try {
            revision = PolicyEngine.load(dir);
        } catch (PolicyCompileException failed) {
            checkCompileError(testCase, failed.diagnostics());
            return;
        }
        if (testCase.wantCompileError() != null) {
            fail("expected compile error %s but the policies compiled", testCase.wantCompileError());
        }
        Value input = Values.fromJson(testCase.input() == null ? JsonNodeFactory.instance.objectNode()
                : testCase.input());
        if (testCase.decide() != null) {
            checkDecision(testCase, revision, input);
        } else {
            checkQuery(testCase, revision, input);
        }
    }

    private static void checkCompileError(ConformanceCase testCase, List<Diagnostic> diagnostics) {
        ConformanceCase.CompileError want = testCase.wantCompileError();
        if (want == null) {
            fail("unexpected compile errors:\n%s", diagnostics.stream().map(Diagnostic::format).toList());
        }
        String file = "m" + (want.module() == null ? 0 : want.module()) + ".pol";
        assertThat(diagnostics).as("diagnostics").anySatisfy(diagnostic -> {
            assertThat(diagnostic.code()).isEqualTo(want.code());
            assertThat(diagnostic.file()).endsWith(file);
            if (want.line() != null) {
                assertThat(diagnostic.line()).isEqualTo(want.line());
            }
            if (want.column() != null) {
                assertThat(diagnostic.column()).isEqualTo(want.column());
            }
            if (want.contains() != null) {
                assertThat(diagnostic.message()).contains(want.contains());
            }
        });
    }

    private static void checkQuery(ConformanceCase testCase, Revision revision, Value input) {
        Optional<Value> result;
        try {
            result = revision.query(testCase.query(), input);
        } catch (EvaluationException failed) {
            if (testCase.wantEvalError() == null) {
                fail("unexpected evaluation error: %s", failed.getMessage());
            }
            assertThat(failed.getMessage()).contains(testCase.wantEvalError());
            return;
        }
        if (testCase.wantEvalError() != null) {
            fail("expected evaluation error containing '%s' but got %s", testCase.wantEvalError(), result);
        }
        if (Boolean.TRUE.equals(testCase.wantUndefined())) {
            assertThat(result).as("undefined").isEmpty();
            return;
        }
        assertThat(result).as("defined").isPresent();
        // sets come back as sorted arrays, since YAML has no sets; numbers compare by value, not by scale
        assertThat(Values.fromJson(Values.toJson(result.get()))).isEqualTo(Values.fromJson(testCase.want()));
    }

    private static void checkDecision(ConformanceCase testCase, Revision revision, Value input) {
        Decision indexed = revision.decide(testCase.decide(), input, DecideOptions.DEFAULT);
        Decision naive = revision.decide(testCase.decide(), input, DecideOptions.NAIVE);
        assertThat(indexed.allowed()).as("indexed and naive agree on allowed").isEqualTo(naive.allowed());
        assertThat(indexed.reasons()).as("indexed and naive agree on reasons").isEqualTo(naive.reasons());
        ConformanceCase.DecisionWant want = testCase.wantDecision();
        if (want.allowed() != null) {
            assertThat(indexed.allowed()).as("allowed (reasons %s)", indexed.reasons()).isEqualTo(want.allowed());
        }
        if (want.reasons() != null) {
            assertThat(indexed.reasons()).isEqualTo(want.reasons());
        }
        if (want.error() == null) {
            assertThat(indexed.error()).as("decision error").isNull();
        } else {
            assertThat(indexed.error()).contains(want.error());
        }
        if (want.obligations() != null) {
            assertThat(indexed.obligations()).isEqualTo(Values.fromJson(want.obligations()));
        }
    }
}
