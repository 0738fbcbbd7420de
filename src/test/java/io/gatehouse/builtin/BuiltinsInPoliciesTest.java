package io.gatehouse.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.engine.DecideOptions;
import io.gatehouse.engine.Decision;
import io.gatehouse.engine.Diagnostic;
import io.gatehouse.engine.EvaluationException;
import io.gatehouse.engine.PolicyCompileException;
import io.gatehouse.engine.PolicyEngine;
import io.gatehouse.engine.Revision;
import io.gatehouse.eval.Limits;
import io.gatehouse.value.Value;
import io.gatehouse.value.Values;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The library as policies see it, through the real compiler and evaluator. */
class BuiltinsInPoliciesTest {

    private static final String HOURS = """
            package payments.refunds

            default allow := false
            allow if input.operation == "refund.issue"

            deny contains "refunds are closed outside 08:00-18:00 UTC" if {
                not time.between(input.context.time, "08:00", "18:00")
            }
            """;

    @Test
    @DisplayName("a literal invalid regex is a compile error at its position, named once")
    void literalInvalidRegexIsACompileError() {
        List<Diagnostic> diagnostics = compileErrors("package t\n\nx if regex.match(\"(\", input.s)\n");

        assertThat(diagnostics).singleElement().satisfies(diagnostic -> {
            assertThat(diagnostic.message()).isEqualTo("regex.match: invalid regular expression \"(\": missing "
                    + "closing )");
            assertThat(diagnostic.line()).isEqualTo(3);
        });
    }

    @Test
    @DisplayName("a literal non-canonical CIDR and a literal leading-zero address are compile errors")
    void literalMalformedNetworksAreCompileErrors() {
        List<Diagnostic> diagnostics = compileErrors("""
                package t

                a if net.cidr_contains("10.0.0.1/8", input.ip)
                b if net.cidr_contains(input.cidr, "10.0.0.01")
                """);

        assertThat(diagnostics).extracting(Diagnostic::message).containsExactly(
                "net.cidr_contains: invalid cidr \"10.0.0.1/8\": host bits are set, expected \"10.0.0.0/8\"",
                "net.cidr_contains: invalid ip address \"10.0.0.01\", expected a dotted quad without leading zeros "
                        + "or an ipv6 address");
    }

    @Test
    @DisplayName("a sprintf call with all-literal arguments and a missing argument fails to compile")
    void literalSprintfMismatchIsACompileError() {
        List<Diagnostic> diagnostics = compileErrors("package t\n\nx := sprintf(\"%v of %v\", [1])\n");

        assertThat(diagnostics).extracting(Diagnostic::message)
                .containsExactly("sprintf: format \"%v of %v\" has 2 verbs, given 1 argument");
    }

    @Test
    @DisplayName("an invalid regex from the input is an evaluation error naming the builtin once")
    void invalidRegexFromInputIsAnEvaluationError() throws PolicyCompileException {
        Revision revision = compile("package t\n\nx := regex.match(input.p, \"a\")\n");
        Value input = Values.object(Map.of("p", Values.string("(")));

        assertThatThrownBy(() -> revision.query("t.x", input)).isInstanceOf(EvaluationException.class)
                .hasMessageContaining("regex.match: invalid regular expression \"(\": missing closing )")
                .hasMessageNotContaining("regex.match: regex.match");
    }

    @Test
    @DisplayName("the design's opening hours rule denies outside the window, in UTC, from the input time")
    void openingHoursRuleDeniesOutsideTheWindow() throws PolicyCompileException {
        Revision revision = compile(HOURS);

        assertThat(decide(revision, "2026-03-02T09:00:00Z").allowed()).isTrue();
        Decision late = decide(revision, "2026-03-02T19:00:00+02:00");
        assertThat(late.allowed()).as("17:00 UTC is inside").isTrue();
        Decision night = decide(revision, "2026-03-02T18:00:00Z");
        assertThat(night.allowed()).as("the end of the window is excluded").isFalse();
        assertThat(night.reasons()).contains("refunds are closed outside 08:00-18:00 UTC");
    }

    @Test
    @DisplayName("a request time without an offset makes the decision a deny that names the error")
    void timeWithoutOffsetDenies() throws PolicyCompileException {
        Decision decision = decide(compile(HOURS), "2026-03-02T09:00:00");

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.error()).contains("time.between: invalid rfc 3339 timestamp");
    }

    private static Decision decide(Revision revision, String time) {
        Value input = Values.object(Map.of("operation", Values.string("refund.issue"),
                "context", Values.object(Map.of("time", Values.string(time)))));
        return revision.decide("payments.refunds", input, DecideOptions.DEFAULT);
    }

    private static Revision compile(String policy) throws PolicyCompileException {
        return PolicyEngine.compile(Map.of("policy.pol", policy), Limits.DEFAULT);
    }

    private static List<Diagnostic> compileErrors(String policy) {
        try {
            compile(policy);
        } catch (PolicyCompileException expected) {
            return expected.diagnostics();
        }
        throw new AssertionError("expected a compile error");
    }
}
