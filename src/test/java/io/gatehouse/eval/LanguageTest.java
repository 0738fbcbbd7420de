package io.gatehouse.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.engine.EvaluationException;
import io.gatehouse.engine.Policies;
import io.gatehouse.engine.Revision;
import io.gatehouse.value.Value;
import io.gatehouse.value.Values;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The language, one construct per row: a policy in package {@code t}, an input, and the expected value of
 * {@code data.t.x} as JSON ({@code undefined} when it has none, {@code error: text} when evaluation fails).
 */
class LanguageTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                row("a constant rule has its value", "x := 500", "{}", "500"),
                row("a boolean rule is true when its body holds", "x if input.a == 1", "{\"a\": 1}", "true"),
                row("a boolean rule without default is undefined when its body fails", "x if input.a == 1",
                        "{\"a\": 2}", "undefined"),
                row("a default applies when no body holds", "default x := false\nx if input.a == 1", "{}", "false"),
                row("several definitions mean or", "x if input.a == 1\nx if input.b == 1", "{\"b\": 1}", "true"),
                row("a set rule collects every member", "x contains y if { some y in input.ys; y > 1 }",
                        "{\"ys\": [1, 2, 3]}", "[2, 3]"),
                row("an object rule collects keys and values", "x[k] := v if { some k, v in input.o; v > 1 }",
                        "{\"o\": {\"a\": 1, \"b\": 2}}", "{\"b\": 2}"),
                row("an object rule may not give one key two values", "x[\"k\"] := v if { some v in input.vs }",
                        "{\"vs\": [1, 2]}", "error: conflicting values for key"),
                row("a complete rule may not have two values", "x := 1 if input.a\nx := 2 if input.b",
                        "{\"a\": true, \"b\": true}", "error: conflicting values 1 and 2"),
                row("a function returns its value", "f(a) := a * 2\nx := f(21)", "{}", "42"),
                row("a boolean function is true when its body holds", "f(a) if a > 1\nx if f(input.n)", "{\"n\": 2}",
                        "true"),
                row("a function with a constant parameter matches it", "f(\"a\") := 1\nf(\"b\") := 2\nx := f(\"b\")",
                        "{}", "2"),
                row("local assignment binds a variable", "x := y if { y := input.a + 1 }", "{\"a\": 1}", "2"),
                row("destructuring assigns array items", "x := a + b if { [a, b] := [1, 2] }", "{}", "3"),
                row("some-in iterates array members", "x if { some v in input.vs; v == 3 }", "{\"vs\": [1, 3]}",
                        "true"),
                row("some with key iterates object entries", "x contains k if { some k, v in input.o; v }",
                        "{\"o\": {\"a\": true, \"b\": false}}", "[\"a\"]"),
                row("an unbound bracket variable iterates", "x contains i if { input.vs[i] == \"b\" }",
                        "{\"vs\": [\"a\", \"b\", \"b\"]}", "[1, 2]"),
                row("every holds when each member passes", "x if { every v in input.vs { v > 0 } }",
                        "{\"vs\": [1, 2]}", "true"),
                row("every fails when one member fails", "default x := false\nx if { every v in input.vs { v > 1 } }",
                        "{\"vs\": [1, 2]}", "false"),
                row("every over a missing collection fails", "default x := false\nx if { every v in input.no { v } }",
                        "{}", "false"),
                row("every over an empty collection holds", "x if { every v in input.vs { v > 1 } }",
                        "{\"vs\": []}", "true"),
                row("not of undefined holds", "x if not input.missing", "{}", "true"),
                row("not of true fails", "default x := false\nx if not input.a", "{\"a\": true}", "false"),
                row("not of false holds", "x if not input.a", "{\"a\": false}", "true"),
                row("undefined makes a body fail", "default x := 0\nx := 1 if input.a.b.c == 1", "{\"a\": 5}", "0"),
                row("ordering across types is a type error", "x if input.amount <= 500", "{\"amount\": null}",
                        "error: cannot compare null with number"),
                row("equality across types is just false", "default x := 9\nx := 1 if input.a == \"1\"",
                        "{\"a\": 1}", "9"),
                row("numbers are exact", "x if input.n == 12345678901234567890123", "{\"n\": 12345678901234567890123}",
                        "true"),
                row("a 23-digit integer is not its neighbour",
                        "default x := false\nx if input.n == 12345678901234567890124",
                        "{\"n\": 12345678901234567890123}", "false"),
                row("decimal arithmetic is exact", "x := 0.1 + 0.2", "{}", "0.3"),
                row("1 and 1.0 are equal", "x if 1 == 1.0", "{}", "true"),
                row("division by zero is an error", "x := input.a / 0", "{\"a\": 1}", "error: division by zero"),
                row("modulo of integers", "x := 7 % 3", "{}", "1"),
                row("arithmetic on a string is a type error", "x := input.a + 1", "{\"a\": \"s\"}",
                        "error: needs numbers, given string"),
                row("in tests array membership", "x if 2 in [1, 2]", "{}", "true"),
                row("in tests set membership", "x if \"a\" in {\"a\", \"b\"}", "{}", "true"),
                row("in tests object values", "x if 1 in {\"k\": 1}", "{}", "true"),
                row("set union", "x := {1} | {2}", "{}", "[1, 2]"),
                row("set intersection", "x := {1, 2} & {2, 3}", "{}", "[2]"),
                row("set difference", "x := {1, 2} - {2}", "{}", "[1]"),
                row("the empty set", "x := set()", "{}", "[]"),
                row("array comprehension keeps order", "x := [v * 2 | some v in input.vs]", "{\"vs\": [3, 1]}",
                        "[6, 2]"),
                row("set comprehension sorts", "x := {v | some v in input.vs}", "{\"vs\": [3, 1, 3]}", "[1, 3]"),
                row("object comprehension", "x := {k: v | some k, v in input.o; v > 1}",
                        "{\"o\": {\"a\": 1, \"b\": 2}}", "{\"b\": 2}"),
                row("with input replaces the input for one expression", "y if input.a == 1\nx if y with input as "
                        + "{\"a\": 1}", "{\"a\": 2}", "true"),
                row("with input does not leak to the next literal",
                        "y if input.a == 1\ndefault x := false\nx if { y with input as {\"a\": 1}; y }",
                        "{\"a\": 2}", "false"),
                row("with input.path patches one field", "y if input.a.b == 1\nx if y with input.a.b as 1",
                        "{\"a\": {\"c\": 2}}", "true"),
                row("with data replaces a document", "y if \"z\" in data.teams.all\nx if y with data.teams.all "
                        + "as [\"z\"]", "{}", "true"),
                row("with data replaces a rule", "y := 1\nx := z if { z := y with data.t.y as 5 }", "{}", "5"),
                row("refs with brackets", "x := input[\"a b\"][0]", "{\"a b\": [7]}", "7"),
                row("raw strings keep backslashes", "x := `a\\b`", "{}", "\"a\\\\b\""),
                row("string escapes", "x := \"a\\n\\u0041\"", "{}", "\"a\\nA\""),
                row("sets iterate in code point order", "x := [v | some v in {\"b\", \"a\", \"\uD83D\uDE00\", "
                        + "\"\uFFFD\"}]", "{}", "[\"a\", \"b\", \"\uFFFD\", \"\uD83D\uDE00\"]"),
                row("count of a set", "x := count({1, 2})", "{}", "2"),
                row("startswith", "x if startswith(input.s, \"ab\")", "{\"s\": \"abc\"}", "true"),
                row("sprintf prints values", "x := sprintf(\"%v-%s\", [1, \"a\"])", "{}", "\"1-a\""),
                row("a builtin given a wrong type is an error", "x if startswith(input.s, \"a\")", "{\"s\": 1}",
                        "error: must be a string, given number"),
                // as in OPA, only nodes that are keys of the graph are in the result, so the leaf "c" is a key
                row("graph reachability follows edges", "x := graph.reachable({\"a\": [\"b\"], \"b\": [\"c\"], "
                        + "\"c\": []}, [\"a\"])", "{}", "[\"a\", \"b\", \"c\"]"),
                row("a rule referring to another rule", "y := 2\nx := y + 1", "{}", "3"),
                row("imports of data documents", "x := count(data.teams.all)", "{}", "2"),
                row("whole package as a value", "y := 1\nz := 2\nx := count(data.u)", "{}", "2"),
                row("a type error in any definition is the rule's error, whatever the order",
                        "x if input.a == 1\nx if input.b < 1", "{\"a\": 1, \"b\": \"s\"}", "error: cannot compare"),
                row("a type error in an earlier definition is also the rule's error",
                        "x if input.b < 1\nx if input.a == 1", "{\"a\": 1, \"b\": \"s\"}", "error: cannot compare"),
                row("the = operator binds an unbound variable", "x := y if { y = input.a }", "{\"a\": 4}", "4"),
                row("the = operator compares bound values", "default x := false\nx if { y := 1; y = 2 }", "{}",
                        "false"),
                row("semicolons separate literals on one line", "x if { input.a == 1; input.b == 2 }",
                        "{\"a\": 1, \"b\": 2}", "true"),
                row("a set index returns the member", "x := {1, 2}[2]", "{}", "2"),
                row("comparison of strings by code point", "x if \"a\" < \"b\"", "{}", "true"));
    }

    private static Arguments row(String note, String rules, String input, String expected) {
        return Arguments.of(note, rules, input, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates(String note, String rules, String input, String expected) throws Exception {
        Revision revision = Policies.compile("t.pol", "package t\n" + rules + "\n", "u.pol",
                "package u\na := 1\nb := 2\n", "teams.json", "{\"all\": [\"x\", \"y\"]}");
        if (expected.startsWith("error: ")) {
            assertThatThrownBy(() -> revision.query("t.x", Policies.json(input)))
                    .isInstanceOf(EvaluationException.class).hasMessageContaining(expected.substring(7));
            return;
        }
        Optional<Value> value = revision.query("t.x", Policies.json(input));
        if (expected.equals("undefined")) {
            assertThat(value).isEmpty();
        } else {
            assertThat(value).as(note).isPresent();
            assertThat(value.get()).as(note).isEqualTo(Policies.json(expected).kind() == Value.Kind.ARRAY
                    && value.get() instanceof Value.SetV ? Values.set(((Value.Arr) Policies.json(expected)).items())
                    : Policies.json(expected));
        }
    }
}
