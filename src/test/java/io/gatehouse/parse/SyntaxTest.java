package io.gatehouse.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.ast.AstPrinter;
import io.gatehouse.ast.Literal;
import io.gatehouse.ast.Module;
import io.gatehouse.ast.RuleDecl;
import io.gatehouse.check.Problems;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The syntax, pinned: each row is a rule as written and the body as the AST printer renders it, which shows how the
 * parser grouped operators and split literals.
 */
class SyntaxTest {

    static Stream<Arguments> bodies() {
        return Stream.of(
                row("product binds tighter than sum", "x if a + b * c", "a + (b * c)"),
                row("sum binds tighter than comparison", "x if a + 1 < b - 1", "(a + 1) < (b - 1)"),
                row("comparison binds tighter than membership", "x if a == b in c", "(a == b) in c"),
                row("intersection binds tighter than union", "x if a | b & c", "a | (b & c)"),
                row("unary minus on a number is a negative literal", "x if a == -5", "a == -5"),
                row("newlines separate literals", "x if {\n  a\n  b\n}", "a; b"),
                row("semicolons separate literals", "x if { a; b; c }", "a; b; c"),
                row("a bracket on a new line starts a new literal", "x if {\n  a := 1\n  [1, 2][0] == 1\n}",
                        "a := 1; [1, 2][0] == 1"),
                row("a minus on a new line starts a new literal", "x if {\n  a := 1\n  -1 < a\n}",
                        "a := 1; -1 < a"),
                row("an operator at the end of a line continues the expression", "x if {\n  a := 1 +\n    2\n}",
                        "a := 1 + 2"),
                row("dots and brackets make one reference", "x if input.a[\"b c\"][0].d", "input.a[\"b c\"][0].d"),
                row("keywords may follow a dot", "x if input.default.in.not", "input.default.in.not"),
                row("a dotted call", "x if graph.reachable(g, [a])", "graph.reachable(g, [a])"),
                row("contains is also a builtin name", "x if contains(\"abc\", \"b\")", "contains(\"abc\", \"b\")"),
                row("some in with key and value", "x if { some k, v in o }", "some k, v in o"),
                row("every with a body", "x if { every v in xs { v > 1; v < 5 } }", "every v in xs { v > 1; v < 5 }"),
                row("not applies to the whole expression", "x if not a == b", "not a == b"),
                row("with clauses chain", "x if y with input as {} with data.a as 1",
                        "y with input as {} with data.a as 1"),
                row("array comprehension", "x if [v | some v in xs]", "[v | some v in xs]"),
                row("set comprehension", "x if {v | some v in xs}", "{v | some v in xs}"),
                row("object comprehension", "x if {k: v | some k, v in o}", "{k: v | some k, v in o}"),
                row("set literal", "x if {1, 2}", "{1, 2}"),
                row("object literal with a trailing comma", "x if {\"a\": 1,}", "{\"a\": 1}"),
                row("empty object", "x if {} == {}", "{} == {}"),
                row("empty set", "x if set() == set()", "set() == set()"),
                row("raw string", "x if `a\\b` == \"a\\\\b\"", "\"a\\\\b\" == \"a\\\\b\""),
                row("comments are ignored", "x if { a # why\n b }", "a; b"),
                row("unification", "x if { a = 1 }", "a = 1"),
                row("destructuring assignment", "x if { [a, b] := xs }", "[a, b] := xs"));
    }

    private static Arguments row(String note, String rule, String body) {
        return Arguments.of(note, rule, body);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void parsesBody(String note, String rule, String body) {
        Module module = parse("package p\n" + rule + "\n");

        assertThat(module.rules()).hasSize(1);
        assertThat(AstPrinter.body(module.rules().get(0).body())).as(note).isEqualTo(body);
    }

    static Stream<Arguments> heads() {
        return Stream.of(
                Arguments.of("default allow := false", RuleDecl.Kind.DEFAULT, "allow"),
                Arguments.of("allow if input.a", RuleDecl.Kind.COMPLETE, "allow"),
                Arguments.of("limit := 500", RuleDecl.Kind.COMPLETE, "limit"),
                Arguments.of("deny contains \"no\" if input.a", RuleDecl.Kind.SET, "deny"),
                Arguments.of("deny contains \"always\"", RuleDecl.Kind.SET, "deny"),
                Arguments.of("obligations[\"ttl\"] := 300 if input.a", RuleDecl.Kind.OBJECT, "obligations"),
                Arguments.of("obligations := {\"ttl\": 1} if input.a", RuleDecl.Kind.COMPLETE, "obligations"),
                Arguments.of("is_admin(p) if { p in data.admins }", RuleDecl.Kind.FUNCTION, "is_admin"),
                Arguments.of("double(x) := x * 2", RuleDecl.Kind.FUNCTION, "double"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("heads")
    void parsesHead(String rule, RuleDecl.Kind kind, String name) {
        RuleDecl parsed = parse("package p\n" + rule + "\n").rules().get(0);

        assertThat(parsed.kind()).isEqualTo(kind);
        assertThat(parsed.name()).isEqualTo(name);
    }

    @Test
    void whenAFileHasImportsAndOperationsThenTheyAreKeptInOrder() {
        Module module = parse("package a.b\nimport data.teams\nimport data.x.y as z\n"
                + "operation \"op.one\" {\n owner: \"o\"\n risk: \"low\"\n description: \"d\"\n}\n");

        assertThat(module.packageName()).isEqualTo("a.b");
        assertThat(module.imports()).extracting(Module.Import::alias).containsExactly("teams", "z");
        assertThat(module.operations().get(0).fields()).containsEntry("owner", "o").containsEntry("risk", "low");
        assertThat(module.operations().get(0).pos().toString()).isEqualTo("f.pol:4:1");
    }

    @Test
    void whenRulesFollowEachOtherWithoutSeparatorsThenEachIsItsOwnRule() {
        Module module = parse("package p\nlimit := 500\nis_admin(p) if p == 1\nallow if input.a\n"
                + "deny contains msg if { msg := \"x\" }\n");

        assertThat(module.rules()).extracting(RuleDecl::name).containsExactly("limit", "is_admin", "allow", "deny");
    }

    @Test
    void whenLiteralsAreParsedThenEachKeepsItsPosition() {
        Module module = parse("package p\nallow if {\n    input.a\n    not input.b\n}\n");

        assertThat(module.rules().get(0).body().stream().map(Literal::pos).map(Object::toString)
                .collect(Collectors.toList())).containsExactly("f.pol:3:5", "f.pol:4:5");
    }

    private static Module parse(String text) {
        Problems problems = new Problems();
        Module module = PolSource.parse("f.pol", text, problems).orElse(null);
        assertThat(problems.sorted()).as("diagnostics").isEmpty();
        return module;
    }
}
