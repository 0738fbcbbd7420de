package io.gatehouse.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.engine.Diagnostic;
import io.gatehouse.engine.PolicyCompileException;
import io.gatehouse.engine.Policies;
import io.gatehouse.engine.Revision;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every compile error, pinned to its exact text: a policy in {@code p.pol} and the first diagnostic it yields. */
class DiagnosticsTest {

    static Stream<Arguments> errors() {
        return Stream.of(
                row("a missing closing brace is reported where the parser gave up",
                        "package p\nallow if {\n  input.a == 1\n",
                        "p.pol:3:8: E001: unexpected \".\""),
                row("a stray token after a rule head", "package p\nallow if if\n",
                        "p.pol:2:10: E001: unexpected \"if\""),
                row("a file without a package", "allow if true\n",
                        "p.pol:1:1: E001: unexpected \"allow\""),
                row("a block that is not an operation", "package p\nfoo \"x\" { owner: \"a\" }\n",
                        "p.pol:2:1: E001: unexpected \"foo\""),
                row("an unknown package in an import", "package p\nimport data.nowhere\n",
                        "p.pol:2:1: E101: unknown package or data document \"data.nowhere\""),
                row("an unknown rule of a known package", "package p\nimport data.q\nallow if q.nope\n",
                        "p.pol:3:10: E102: unknown rule \"nope\" in package \"q\""),
                row("an unknown function", "package p\nallow if frobnicate(1)\n",
                        "p.pol:2:10: E103: unknown function \"frobnicate\""),
                row("a builtin with the wrong number of arguments", "package p\nallow if startswith(\"a\")\n",
                        "p.pol:2:10: E104: wrong number of arguments for \"startswith\": given 1, expected 2"),
                row("a function with the wrong number of arguments", "package p\nf(a) := a\nallow if f(1, 2)\n",
                        "p.pol:3:10: E104: wrong number of arguments for \"f\": given 2, expected 1"),
                row("an unsafe variable", "package p\nallow if { x > 1 }\n",
                        "p.pol:2:12: E105: unsafe variable \"x\": nothing binds it before this use"),
                row("a head variable the body does not bind", "package p\ndeny contains msg if { input.a }\n",
                        "p.pol:2:15: E105: unsafe variable \"msg\": nothing binds it before this use"),
                row("a variable used before it is assigned", "package p\nallow if { y > 1; y := 2 }\n",
                        "p.pol:2:12: E105: unsafe variable \"y\": nothing binds it before this use"),
                row("direct recursion", "package p\nallow if allow\n",
                        "p.pol:2:1: E106: recursion: p.allow -> p.allow"),
                row("mutual recursion", "package p\na if b\nb if a\n",
                        "p.pol:2:1: E106: recursion: p.a -> p.b -> p.a"),
                row("ordering constants of different types", "package p\nallow if 1 < \"a\"\n",
                        "p.pol:2:10: E107: cannot compare number with string using \"<\""),
                row("arithmetic on a constant string", "package p\nx := 1 + \"a\"\n",
                        "p.pol:2:6: E107: operator \"+\" needs numbers, given string"),
                row("two defaults", "package p\ndefault allow := false\ndefault allow := true\n",
                        "p.pol:3:1: E108: rule \"p.allow\" has a second default value (the first is at p.pol:2:1)"),
                row("one name as two kinds of rule", "package p\ndeny contains \"a\"\ndeny := 1\n",
                        "p.pol:3:1: E109: rule \"deny\" is defined as a set rule at p.pol:2:1 and as a complete "
                                + "rule here"),
                row("an operation without its risk", "package p\noperation \"a.b\" { owner: \"x\" description: "
                        + "\"y\" }\n", "p.pol:2:1: E110: operation \"a.b\" has no risk"),
                row("an operation with an unknown risk", "package p\noperation \"a.b\" { owner: \"x\" risk: "
                        + "\"huge\" description: \"y\" }\n", "p.pol:2:1: E110: unknown risk \"huge\""),
                row("a variable assigned twice", "package p\nallow if { x := 1; x := 2 }\n",
                        "p.pol:2:20: E114: variable \"x\" is assigned twice"),
                row("a rule with neither value nor body", "package p\nallow\n",
                        "p.pol:2:1: E115: rule \"allow\" has neither a value nor a body"),
                row("a non-constant default", "package p\ndefault allow := input.a\n",
                        "p.pol:2:1: E115: the default value of \"allow\" must be a constant"),
                row("a rule with the path of a package", "package q.yes\nallow := true\n",
                        "q.pol:2:1: E112: rule \"q.yes\" has the same path as a package"),
                row("with on something other than input or data", "package p\ny := 1\nallow if y with z as 1\n",
                        "p.pol:3:12: E116: `with` can only replace input or data, given \"z\""));
    }

    private static Arguments row(String note, String source, String expected) {
        return Arguments.of(note, source, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void reportsError(String note, String source, String expected) {
        assertThatThrownBy(() -> Policies.compile("p.pol", source, "q.pol", "package q\nyes := true\n"))
                .isInstanceOfSatisfying(PolicyCompileException.class, e -> assertThat(
                        e.diagnostics().get(0).format().split("\n")[0]).as(note).isEqualTo(expected));
    }

    @Test
    void whenSeveralFilesHaveErrorsThenAllAreReportedSortedByPosition() {
        assertThatThrownBy(() -> Policies.compile(
                "b.pol", "package b\nallow if { x }\nallow if nope(1)\n",
                "a.pol", "package a\nallow if 1 < \"a\"\n"))
                .isInstanceOfSatisfying(PolicyCompileException.class, e -> assertThat(e.diagnostics())
                        .extracting(d -> d.file() + ":" + d.line() + ":" + d.code())
                        .containsExactly("a.pol:2:E107", "b.pol:2:E105", "b.pol:3:E103"));
    }

    @Test
    void whenASyntaxErrorIsReportedThenTheHintNamesTheExpectedTokens() {
        assertThatThrownBy(() -> Policies.compile("p.pol", "package p\nallow if {\n"))
                .isInstanceOfSatisfying(PolicyCompileException.class,
                        e -> assertThat(e.diagnostics().get(0).hint()).startsWith("expected "));
    }

    @Test
    void whenAnErrorIsFormattedThenTheHintIsOnItsOwnLine() {
        Diagnostic diagnostic = new Diagnostic("E105", Diagnostic.Severity.ERROR, "p.pol", 2, 12, "unsafe variable",
                "assign it first");
        assertThat(diagnostic.format()).isEqualTo("p.pol:2:12: E105: unsafe variable\n  hint: assign it first");
    }

    @Test
    void whenARuleCanNeverFireThenAWarningSaysSo() throws Exception {
        Revision revision = Policies.compile("p.pol", "package p\nallow if { input.a == 1; input.a == 2 }\n"
                + "deny contains \"x\" if 1 == 2\n");
        List<String> warnings = revision.warnings().stream().map(Diagnostic::format).map(s -> s.split("\n")[0])
                .toList();
        assertThat(warnings).containsExactly(
                "p.pol:2:1: W201: rule \"p.allow\" can never fire: no value of input.a passes every test on it",
                "p.pol:3:1: W201: rule \"p.deny\" can never fire: \"1 == 2\" is always false");
    }
}
