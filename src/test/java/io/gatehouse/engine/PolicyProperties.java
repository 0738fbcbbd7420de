package io.gatehouse.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.value.Value;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties over generated policy text and inputs: whatever the text, the parser and compiler end either in a
 * revision or in the structured {@link PolicyCompileException}, never another exception; and on policies that
 * compile, the indexed evaluator agrees with the naive one.
 */
class PolicyProperties {

    private static final List<String> TOKENS = List.of(
            "package", "import", "default", "allow", "deny", "contains", "if", "some", "every", "in", "not", "with",
            "as", "input", "data", ".", ",", ";", ":", ":=", "=", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/",
            "%", "|", "&", "(", ")", "[", "]", "{", "}", "x", "y", "role", "\"admin\"", "\"a\\u00e9\"", "`raw`", "0",
            "1.5", "12345678901234567890123", "true", "false", "null", "count", "sprintf", "regex.match", "\n",
            "\n", "#c\n", "set()", "\"", "@", "operation", "\"op\"", "owner", "risk", "\"high\"");

    @Provide
    Arbitrary<String> tokenSoup() {
        Arbitrary<String> token = Arbitraries.of(TOKENS);
        return token.list().ofMinSize(0).ofMaxSize(40).map(tokens -> String.join(" ", tokens));
    }

    @Property(tries = 400, seed = "20261204")
    void anyTextCompilesOrFailsWithTheStructuredError(@ForAll("tokenSoup") String soup) {
        for (String text : List.of(soup, "package p\n" + soup)) {
            try {
                Policies.compile("p.pol", text);
            } catch (PolicyCompileException expected) {
                assertThat(expected.diagnostics()).as("a compile failure names at least one error").isNotEmpty();
                expected.diagnostics().forEach(diagnostic -> {
                    assertThat(diagnostic.line()).isPositive();
                    assertThat(diagnostic.code()).matches("[EW][0-9]{3}");
                });
            }
        }
    }

    @Provide
    Arbitrary<String> condition() {
        Arbitrary<String> role = Arbitraries.of("\"admin\"", "\"dev\"", "\"ops\"");
        Arbitrary<String> action = Arbitraries.of("\"read\"", "\"write\"");
        return Arbitraries.oneOf(
                role.map(value -> "input.role == " + value),
                action.map(value -> "input.action == " + value),
                Combinators.combine(role, role).as((a, b) -> "input.role in {" + a + ", " + b + "}"),
                Arbitraries.integers().between(0, 9).map(level -> "input.level > " + level),
                role.map(value -> "not input.role == " + value),
                Arbitraries.of("some t in input.tags; t == \"x\"", "count(input.tags) > 1",
                        "startswith(input.action, \"r\")", "input.level <= 3"));
    }

    @Provide
    Arbitrary<String> policy() {
        Arbitrary<String> body = condition().list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join("; ", parts));
        Arbitrary<String> allow = body.map(conditions -> "allow if { " + conditions + " }\n");
        Arbitrary<String> deny = Combinators.combine(Arbitraries.of("\"r1\"", "\"r2\"", "\"r3\""), body)
                .as((reason, conditions) -> "deny contains " + reason + " if { " + conditions + " }\n");
        Arbitrary<String> rule = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, allow), net.jqwik.api.Tuple.of(1, deny));
        return rule.list().ofMinSize(1).ofMaxSize(12)
                .map(rules -> "package g\n\ndefault allow := false\n" + String.join("", rules));
    }

    @Provide
    Arbitrary<String> input() {
        Arbitrary<String> role = Arbitraries.of("\"admin\"", "\"dev\"", "\"ops\"", "null", "7", "[\"admin\"]");
        Arbitrary<String> action = Arbitraries.of("\"read\"", "\"write\"", "\"delete\"");
        Arbitrary<String> level = Arbitraries.of("0", "3", "5", "9", "\"high\"", "null");
        Arbitrary<String> tags = Arbitraries.of("[]", "[\"x\"]", "[\"x\", \"y\"]", "\"x\"");
        return Combinators.combine(role, action, level, tags).as((r, a, l, t) ->
                "{\"role\": " + r + ", \"action\": " + a + ", \"level\": " + l + ", \"tags\": " + t + "}");
    }

    @Property(tries = 300, seed = "20261204")
    void indexedAndNaiveDecisionsAgree(@ForAll("policy") String policy, @ForAll("input") String inputText)
            throws PolicyCompileException {
        Revision revision = Policies.compile("g.pol", policy);
        Value input = Policies.json(inputText);
        Decision indexed = revision.decide("g", input, DecideOptions.DEFAULT);
        Decision naive = revision.decide("g", input, DecideOptions.NAIVE);
        String context = "policy:\n" + policy + "\ninput: " + inputText;
        assertThat(indexed.allowed()).as(context).isEqualTo(naive.allowed());
        assertThat(indexed.reasons()).as(context).isEqualTo(naive.reasons());
        assertThat(indexed.error()).as(context).isEqualTo(naive.error());
        assertThat(indexed.rules()).as(context).isEqualTo(naive.rules());
    }
}
