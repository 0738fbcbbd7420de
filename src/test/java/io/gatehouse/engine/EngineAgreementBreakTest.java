package io.gatehouse.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.ast.RuleDecl;
import io.gatehouse.compile.Program;
import io.gatehouse.compile.RuleDef;
import io.gatehouse.compile.RuleSet;
import io.gatehouse.eval.Env;
import io.gatehouse.eval.EvalError;
import io.gatehouse.eval.Evaluator;
import io.gatehouse.eval.Limits;
import io.gatehouse.value.Value;
import io.gatehouse.value.Values;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Adversarial agreement cases for the three engine shortcuts: straight evaluation of single-valued terms, number
 * comparisons lifted into ranges nodes, and the per-decision input path cache. Each row is a policy written to
 * corner one of them, decided on a pool of inputs chosen to hit its edges (numbers of other scales, values of
 * other types, undefined paths, replaced inputs); the default decision must equal the naive oracle's field by field.
 * The straight evaluator is also compared with the continuation-only one directly, rule by rule and without the
 * revision's precomputed constants (which both decision paths share): same value or error, same fired definitions,
 * same step count, and the same outcome under every smaller step limit.
 */
class EngineAgreementBreakTest {

    /** Amounts that compare equal at different scales, and every other type an amount can have. */
    private static final List<String> AMOUNTS = List.of("0", "-0", "0.0", "-0.0", "1", "1.0", "1.00",
            "0.999999999999999999999", "1.000000000000000000001", "5", "5.0", "99.99", "100", "1e2", "1E+2",
            "100.000", "100.0000000000000000001", "-1e2", "1e400", "-1e400", "1e-400", "\"5\"", "\"100\"", "null",
            "true", "false", "[]", "[5]", "{}", "{\"b\": 5}");

    static Stream<Arguments> policies() {
        return Stream.of(
                row("bands at several scales, bounds written as 1e2, 100.0 and 1.0",
                        """
                        allow if { input.amount >= 1e2; input.amount < 200 }
                        allow if { input.amount > 1.0; input.amount <= 100.0 }
                        allow if { 0 >= input.amount }
                        deny contains "exact hundred" if input.amount == 100
                        deny contains "tiny" if { input.amount > 0; input.amount < 1 }
                        """),
                row("an equality guard and a range on the same path, in one body and in two",
                        """
                        allow if { input.amount == 100; input.amount >= 100 }
                        allow if { input.amount in {5, "5", 1e400}; input.amount > 4 }
                        deny contains "big" if input.amount > 99.99
                        deny contains "typed" if { is_number(input.amount); input.amount < 1 }
                        deny contains "text" if { type_name(input.amount) == "string"; input.amount > "4" }
                        """),
                row("ranges on two paths where one is a prefix of the other",
                        """
                        allow if { input.amount > 1; input.amount.b > 1 }
                        allow if { input.amount.b < 10; input.amount > 0 }
                        deny contains "b" if input.amount.b >= 5
                        """),
                row("a comparison that fails with a type error in one body and a later body that allows",
                        """
                        allow if { input.kind == "k"; input.amount < 50; input.level > 1 }
                        allow if input.amount >= 50
                        allow if { input.level >= 0; input.amount <= 5 }
                        obligations["band"] := "low" if input.amount < 10
                        obligations["band"] := "high" if input.amount > 1
                        """),
                row("empty intervals and mirrored comparisons",
                        """
                        allow if { input.amount > 5; input.amount < 5 }
                        allow if { 5 < input.amount; 10 >= input.amount }
                        allow if { 5 <= input.amount; input.amount <= 5 }
                        deny contains "never" if { input.amount > 1e400; input.amount < -1e400 }
                        """),
                row("range tests after a computed literal are not lifted and still agree",
                        """
                        allow if { x := input.amount * 2; input.amount > 1; x < 300 }
                        allow if { not input.amount > 3; input.amount >= 0 }
                        deny contains msg if { input.amount > 50; msg := sprintf("amount %v", [input.amount]) }
                        """),
                row("complete rules, conflicts and defaults reached through ranges",
                        """
                        default limit := 0
                        limit := 10 if input.amount > 5
                        limit := 20 if input.amount > 50
                        allow if limit > 5
                        deny contains "limit" if { input.amount >= 100; limit == 0 }
                        """),
                row("functions with constant parameters, evaluated straight",
                        """
                        band(0) := "zero"
                        band(1) := "one"
                        band(1.0) := "one"
                        band(x) := "many" if x > 1
                        band(x) := "odd" if x == 5
                        allow if band(input.amount) == "one"
                        deny contains b if { b := band(input.amount); b != "one" }
                        """),
                row("set and object rules with straight bodies and a key that can fail",
                        """
                        tags contains input.amount * 2 if input.amount >= 0
                        tags contains "neg" if input.amount < 0
                        keyed[input.kind] := input.amount if input.amount > 0
                        allow if count(tags) == 1
                        deny contains "keyed" if keyed.k > 3
                        obligations := keyed if input.amount < 100
                        """),
                row("bindings restored on backtracking through comprehensions, every and not",
                        """
                        allow if {
                            ys := [y | some x in input.xs; y := x + input.amount; y > 2]
                            count(ys) > 0
                            every z in input.xs { w := z * 2; w >= input.amount }
                            not input.amount > 50
                        }
                        deny contains sprintf("%v", [v]) if { some x in input.xs; v := x * 2; v > input.amount }
                        """),
                row("with on a straight rule, on the whole input and on a path, nested",
                        """
                        big if input.amount > 50
                        small if { input.amount < 50; input.amount >= 0 }
                        allow if { big with input.amount as 60; not big; small }
                        allow if { small with input as {"amount": 1}; input.amount > 1000 }
                        deny contains "inner" if { x := input.amount; big with input as {"amount": x}; x < 0 }
                        deny contains "nested" if {
                            big with input.amount as 1 with input.amount as 99
                            input.amount == 5
                        }
                        obligations["seen"] := input.amount if { small with input.amount as 1; input.amount > 2 }
                        """),
                row("an error in a later rule is reported after an earlier rule's error, in both paths",
                        """
                        allow if { input.kind == "k"; input.amount > 1 }
                        deny contains "d" if { input.level < 2 }
                        obligations["o"] := 1 / input.level if input.amount >= 0
                        """),
                row("undefined and null paths read through the cache before and after a with",
                        """
                        p if input.a.b == null
                        q if input.a.b
                        allow if { not input.a.b; p with input.a.b as null; not p }
                        allow if { q with input.a as {"b": true}; input.a.b != true }
                        deny contains "q" if { q; input.amount > 1 }
                        """),
                row("paths through arrays and numeric-looking keys",
                        """
                        allow if input.xs["0"] == 1
                        allow if { input.a["0"] > 0; input.amount >= 1 }
                        deny contains "first" if input.xs[0] > 1
                        deny contains "key" if input.a.b > input.amount
                        """));
    }

    private static Arguments row(String note, String rules) {
        return Arguments.of(note, "package t\n\n" + rules);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void defaultDecisionsEqualTheOracle(String note, String policy) throws Exception {
        Revision revision = Policies.compile("t.pol", policy);
        for (String input : inputs()) {
            agree(revision, "t", policy, input);
        }
    }

    private static List<String> inputs() {
        List<String> inputs = new ArrayList<>();
        inputs.add("{}");
        inputs.add("null");
        inputs.add("[]");
        for (String amount : AMOUNTS) {
            inputs.add("{\"amount\": " + amount + "}");
            inputs.add("{\"kind\": \"k\", \"amount\": " + amount + ", \"level\": 2, \"xs\": [1, 2, 3]}");
            inputs.add("{\"kind\": \"k\", \"amount\": " + amount + ", \"level\": \"x\", \"a\": {\"b\": " + amount
                    + ", \"0\": " + amount + "}}");
            inputs.add("{\"kind\": \"j\", \"amount\": " + amount + ", \"level\": 0, \"xs\": {\"0\": 1}, "
                    + "\"a\": [" + amount + "]}");
        }
        return inputs;
    }

    static Decision agree(Revision revision, String pkg, String policy, String inputText) {
        Value input = Policies.json(inputText);
        Decision indexed = revision.decide(pkg, input, DecideOptions.DEFAULT);
        Decision naive = revision.decide(pkg, input, DecideOptions.NAIVE);
        Decision explained = revision.decide(pkg, input, DecideOptions.EXPLAIN);
        String context = "policy:\n" + policy + "\ninput: " + inputText + "\nindexed: " + indexed + "\nnaive: " + naive;
        assertThat(indexed.error()).as(context).isEqualTo(naive.error());
        assertThat(indexed.allowed()).as(context).isEqualTo(naive.allowed());
        assertThat(indexed.reasons()).as(context).isEqualTo(naive.reasons());
        assertThat(indexed.obligations()).as(context).isEqualTo(naive.obligations());
        assertThat(indexed.rules()).as(context).isEqualTo(naive.rules());
        assertThat(explained.error()).as(context).isEqualTo(indexed.error());
        assertThat(explained.allowed()).as(context).isEqualTo(indexed.allowed());
        assertThat(explained.rules()).as(context).isEqualTo(indexed.rules());
        return indexed;
    }

    @Test
    @DisplayName("random range-heavy policies agree with the oracle on inputs of every type and scale")
    void randomRangePoliciesAgree() throws Exception {
        Random random = new Random(20261205L);
        int[] outcomes = new int[3];
        for (int p = 0; p < 150; p++) {
            String policy = rangePolicy(random);
            Revision revision = Policies.compile("r.pol", policy);
            for (int i = 0; i < 40; i++) {
                Decision decision = agree(revision, "r", policy, rangeInput(random));
                outcomes[decision.error() != null ? 2 : decision.allowed() ? 1 : 0]++;
            }
        }
        // The generator must reach denies, allows and errors alike, or the comparison proves little.
        assertThat(outcomes[0]).isGreaterThan(1000);
        assertThat(outcomes[1]).isGreaterThan(400);
        assertThat(outcomes[2]).isGreaterThan(400);
    }

    private static final String[] BOUNDS = {"0", "1", "1.0", "1e2", "100", "100.00", "5", "-5", "0.5", "1e400"};
    private static final String[] OPS = {"<", "<=", ">", ">="};
    private static final String[] PATHS = {"input.amount", "input.level", "input.a.b"};

    static String rangePolicy(Random random) {
        StringBuilder out = new StringBuilder("package r\n\n");
        out.append("half(x) := x / 2\n");
        out.append("pick(1) := \"one\"\npick(100) := \"hundred\"\n");
        out.append("hot if input.level > 3\n");
        out.append("seen[\"a\"] := input.amount if input.amount >= 0\n");
        out.append("seen[\"b\"] := input.level if input.level < 100\n");
        out.append("seen[\"a\"] := 1 if input.level > 1\n");
        int rules = 2 + random.nextInt(10);
        for (int i = 0; i < rules; i++) {
            String body = rangeBody(random);
            switch (random.nextInt(6)) {
                case 0 -> out.append("deny contains \"d").append(random.nextInt(3)).append("\" if {\n");
                case 1 -> out.append("obligations[\"o").append(random.nextInt(2)).append("\"] := ")
                        .append(random.nextInt(2)).append(" if {\n");
                default -> out.append("allow if {\n");
            }
            out.append(body).append("}\n");
        }
        if (random.nextBoolean()) {
            out.append("default allow := false\n");
        }
        return out.toString();
    }

    private static String rangeBody(Random random) {
        List<String> literals = new ArrayList<>();
        int count = 1 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
            literals.add(rangeLiteral(random, i));
        }
        return "    " + String.join("\n    ", literals) + "\n";
    }

    private static String rangeLiteral(Random random, int index) {
        String path = pick(random, PATHS);
        String bound = pick(random, BOUNDS);
        return switch (random.nextInt(21)) {
            case 16 -> "every x" + index + " in [" + path + ", 1] { x" + index + " " + pick(random, OPS) + " " + bound
                    + " }";
            case 17 -> "count([y" + index + " | y" + index + " := " + path + "; y" + index + " " + pick(random, OPS)
                    + " " + bound + "]) == 1";
            case 18 -> "hot with input as {\"level\": " + path + "}";
            case 19 -> path + " " + pick(random, OPS) + " " + bound + " with input.amount as " + bound;
            case 20 -> "seen[\"" + pick(random, new String[] {"a", "b"}) + "\"] == " + bound;
            case 0, 1, 2, 3, 4 -> path + " " + pick(random, OPS) + " " + bound;
            case 5 -> bound + " " + pick(random, OPS) + " " + path;
            case 6 -> path + " == " + bound;
            case 7 -> path + " in {" + bound + ", \"" + bound + "\", null}";
            case 8 -> "is_number(" + path + ")";
            case 9 -> "type_name(" + path + ") == \"" + pick(random, new String[] {"string", "number", "null"}) + "\"";
            case 10 -> "input.kind == \"" + pick(random, new String[] {"k", "j"}) + "\"";
            case 11 -> "v" + index + " := half(" + path + "); v" + index + " " + pick(random, OPS) + " " + bound;
            case 12 -> "pick(" + path + ") == \"" + pick(random, new String[] {"one", "hundred"}) + "\"";
            case 13 -> "not hot";
            case 14 -> "hot with input.level as " + bound;
            default -> "not " + path + " " + pick(random, OPS) + " " + bound;
        };
    }

    static String rangeInput(Random random) {
        List<String> fields = new ArrayList<>();
        if (random.nextInt(4) > 0) {
            fields.add("\"kind\": \"" + pick(random, new String[] {"k", "j"}) + "\"");
        }
        for (String name : new String[] {"amount", "level"}) {
            if (random.nextInt(6) > 0) {
                fields.add("\"" + name + "\": " + AMOUNTS.get(random.nextInt(AMOUNTS.size())));
            }
        }
        int a = random.nextInt(4);
        if (a == 0) {
            fields.add("\"a\": {\"b\": " + AMOUNTS.get(random.nextInt(AMOUNTS.size())) + "}");
        } else if (a == 1) {
            fields.add("\"a\": " + AMOUNTS.get(random.nextInt(AMOUNTS.size())));
        }
        return "{" + String.join(", ", fields) + "}";
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void straightEvaluationTakesTheSameStepsAndMeetsTheSameLimits(String note, String policy) throws Exception {
        for (String input : inputs()) {
            sameSteps(policy, "t", input, true);
        }
    }

    @Test
    @DisplayName("on random policies straight evaluation counts steps and fails at limits exactly as continuations do")
    void randomPoliciesTakeTheSameSteps() throws Exception {
        Random random = new Random(20261206L);
        for (int p = 0; p < 60; p++) {
            String ranged = rangePolicy(random);
            String mixed = DifferentialTest.policy(random);
            for (int i = 0; i < 15; i++) {
                sameSteps(ranged, "r", rangeInput(random), i < 3);
                sameSteps(mixed, "g", DifferentialTest.input(random), i < 3);
            }
        }
    }

    /**
     * Every non-function rule of the package, evaluated over all its definitions by the straight evaluator and by
     * the continuation-only one, each in a fresh decision: the same value or error, the same fired definitions, the
     * same step count; and when {@code sweep} is set, the same outcome under every smaller step limit and depth.
     */
    static void sameSteps(String policy, String pkg, String inputText, boolean sweep) throws Exception {
        Program program = ((CompiledRevision) PolicyEngine.compile(Map.of(pkg + ".pol", policy), Limits.DEFAULT))
                .program();
        Evaluator straight = new Evaluator(program);
        Evaluator reference = straight.withoutShortcuts();
        Value input = Policies.json(inputText);
        for (RuleSet rule : program.packages().get(pkg).rules().values()) {
            if (rule.kind() == RuleDecl.Kind.FUNCTION) {
                continue;
            }
            String context = "policy:\n" + policy + "\ninput: " + inputText + "\nrule: " + rule.qualifiedName();
            String expected = outcome(reference, rule, input, Limits.DEFAULT);
            assertThat(outcome(straight, rule, input, Limits.DEFAULT)).as(context).isEqualTo(expected);
            if (!sweep) {
                continue;
            }
            long steps = Long.parseLong(expected.substring(expected.lastIndexOf(' ') + 1));
            for (long limit = 1; limit <= steps; limit++) {
                Limits limits = new Limits(limit, 64);
                assertThat(outcome(straight, rule, input, limits)).as(context + "\nsteps: " + limit)
                        .isEqualTo(outcome(reference, rule, input, limits));
            }
            for (int depth = 1; depth <= 4; depth++) {
                Limits limits = new Limits(1_000_000, depth);
                assertThat(outcome(straight, rule, input, limits)).as(context + "\ndepth: " + depth)
                        .isEqualTo(outcome(reference, rule, input, limits));
            }
        }
    }

    private static String outcome(Evaluator evaluator, RuleSet rule, Value input, Limits limits) {
        Env env = Env.root(input, limits);
        List<RuleDef> fired = new ArrayList<>();
        String result;
        try {
            Value value = evaluator.evaluateRule(rule, rule.definitions(), env, fired);
            result = "value " + (value == null ? "undefined" : Evaluator.render(value));
        } catch (EvalError e) {
            result = "error " + e.describe();
        }
        List<String> labels = new ArrayList<>();
        fired.forEach(definition -> labels.add(definition.label()));
        return result + " fired " + labels + " steps " + env.steps();
    }

    @Test
    void whenAnInputPathStepsIntoASetThenTheTreeFindsTheMemberAsTheEvaluatorDoes() throws Exception {
        String policy = """
                package s

                allow if input.tags.admin == "admin"
                allow if { input.kind == "k"; input.tags.admin > "a" }
                deny contains "ranged" if input.tags.admin > 5
                """;
        Revision revision = Policies.compile("s.pol", policy);
        Value tags = Values.set(List.of(Values.string("admin"), Values.string("dev")));
        for (Value input : List.of(Values.object(Map.of("tags", tags)),
                Values.object(Map.of("tags", tags, "kind", Values.string("k"))))) {
            Decision indexed = revision.decide("s", input, DecideOptions.DEFAULT);
            Decision naive = revision.decide("s", input, DecideOptions.NAIVE);
            String context = "input: " + input + "\nindexed: " + indexed + "\nnaive: " + naive;
            assertThat(indexed.error()).as(context).isEqualTo(naive.error());
            assertThat(indexed.allowed()).as(context).isEqualTo(naive.allowed());
            assertThat(indexed.rules()).as(context).isEqualTo(naive.rules());
        }
    }

    @Test
    void whenABoundHasAHugeExponentThenTheTreeAndTheExplanationKeepItShort() throws Exception {
        String policy = """
                package huge

                allow if { input.amount > 1e100000; input.amount < 2e100000 }
                allow if input.amount <= 1e-100000
                """;
        Revision revision = Policies.compile("huge.pol", policy);

        assertThat(revision.tree("huge", Revision.TreeFormat.TEXT)).hasSizeLessThan(2000)
                .contains("(1E+100000, 2E+100000)");
        assertThat(revision.tree("huge", Revision.TreeFormat.DOT)).hasSizeLessThan(4000);
        Decision explained = revision.decide("huge", Policies.json("{\"amount\": 1.5e100000}"), DecideOptions.EXPLAIN);
        assertThat(explained.allowed()).isTrue();
        assertThat(explained.explanation().path()).containsExactly("input.amount in (1E+100000, 2E+100000)");
    }

    @Test
    void whenOverlappingIntervalsExceedTheBudgetThenTheFallbackStillAgreesNextToLiftedRules() throws Exception {
        StringBuilder policy = new StringBuilder("package budget\n\n");
        for (int floor = 0; floor < 600; floor++) {
            String guard = floor % 3 == 0 ? "input.kind == \"k\"; " : "";
            policy.append("allow if { ").append(guard).append("input.amount >= ").append(floor)
                    .append("; input.level < ").append(floor % 7).append(" }\n");
        }
        policy.append("deny contains \"negative\" if input.amount < 0\n");
        policy.append("deny contains \"low\" if { input.kind == \"k\"; input.level > 1; input.amount <= 3 }\n");
        policy.append("obligations[\"band\"] := 1 if { input.amount >= 2; input.amount < 1000 }\n");
        Revision revision = Policies.compile("budget.pol", policy.toString());

        assertThat(revision.tree("budget", Revision.TreeFormat.TEXT)).contains("ranges of input.level");
        for (String input : inputs()) {
            agree(revision, "budget", "600 overlapping floors", input);
        }
    }
}
