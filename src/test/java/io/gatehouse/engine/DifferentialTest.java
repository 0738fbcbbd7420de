package io.gatehouse.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The indexed evaluator (decision tree) against the naive one (every definition in turn) on seeded random policies
 * and inputs: they must agree exactly on allowed, reasons, obligations, error and the rules that fired.
 */
class DifferentialTest {

    static final long SEED = 20261204L;
    static final int POLICIES = 100;
    static final int INPUTS_PER_POLICY = 120;

    private static final String[] ROLES = {"admin", "dev", "ops", "guest"};
    private static final String[] ACTIONS = {"read", "write", "delete"};

    @Test
    @DisplayName("indexed and naive decisions agree on 12,000 seeded random inputs over 100 random policies")
    void indexedAgreesWithNaive() throws Exception {
        Random random = new Random(SEED);
        int compared = 0;
        int allowed = 0;
        int errors = 0;
        for (int p = 0; p < POLICIES; p++) {
            String policy = policy(random);
            Revision revision = Policies.compile("g.pol", policy);
            for (int i = 0; i < INPUTS_PER_POLICY; i++) {
                Value input = Policies.json(input(random));
                Decision indexed = revision.decide("g", input, DecideOptions.DEFAULT);
                Decision naive = revision.decide("g", input, DecideOptions.NAIVE);
                String context = "policy:\n" + policy + "\ninput: " + input;
                assertThat(indexed.allowed()).as(context).isEqualTo(naive.allowed());
                assertThat(indexed.reasons()).as(context).isEqualTo(naive.reasons());
                assertThat(indexed.obligations()).as(context).isEqualTo(naive.obligations());
                assertThat(indexed.error()).as(context).isEqualTo(naive.error());
                assertThat(indexed.rules()).as(context).isEqualTo(naive.rules());
                compared++;
                allowed += indexed.allowed() ? 1 : 0;
                errors += indexed.error() != null ? 1 : 0;
            }
        }
        assertThat(compared).isEqualTo(POLICIES * INPUTS_PER_POLICY);
        // The generator must exercise both outcomes and errors, or the comparison proves little.
        assertThat(allowed).isGreaterThan(compared / 50);
        assertThat(errors).isGreaterThan(compared / 200);
    }

    static String policy(Random random) {
        StringBuilder out = new StringBuilder("package g\n\n");
        out.append("is_tagged(t) if { some x in input.tags; x == t }\n");
        out.append("elevated if input.level > 5\n");
        out.append("bumped(x) := y if { y := x + 1 }\n");
        int allows = 1 + random.nextInt(8);
        for (int i = 0; i < allows; i++) {
            out.append("allow if {\n").append(body(random)).append("}\n");
        }
        int denies = random.nextInt(4);
        for (int i = 0; i < denies; i++) {
            out.append("deny contains sprintf(\"no %v\", [input.role]) if {\n").append(body(random)).append("}\n");
        }
        if (random.nextBoolean()) {
            out.append("obligations[\"ttl\"] := ").append(random.nextInt(3) * 100).append(" if {\n")
                    .append(body(random)).append(random.nextBoolean() ? "    allow\n" : "").append("}\n");
        }
        if (random.nextInt(4) == 0) {
            out.append("default allow := false\n");
        }
        return out.toString();
    }

    private static String body(Random random) {
        List<String> literals = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            literals.add(literal(random, i));
        }
        return "    " + String.join("\n    ", literals) + "\n";
    }

    /** One body literal; {@code index} keeps the variables it declares apart from its neighbours'. */
    private static String literal(Random random, int index) {
        String local = "v" + index;
        return switch (random.nextInt(20)) {
            case 18, 19 -> "input.rank " + pick(random, new String[] {"<", ">="}) + " " + random.nextInt(6);
            case 14 -> local + " := input.level * 2; " + local + " > " + random.nextInt(12);
            case 15 -> "bumped(input.level) " + pick(random, new String[] {"<", ">="}) + " " + random.nextInt(10);
            case 16 -> "input.tags[" + random.nextInt(2) + "] == \"" + pick(random, new String[] {"a", "b"}) + "\"";
            case 17 -> "some " + local + " in input.tags; w" + index + " := " + local + "; w" + index + " != \"a\"";
            case 0, 1, 2 -> "input.role == \"" + pick(random, ROLES) + "\"";
            case 3 -> "input.action in {\"" + pick(random, ACTIONS) + "\", \"" + pick(random, ACTIONS) + "\"}";
            case 4 -> "\"" + pick(random, ACTIONS) + "\" == input.action";
            case 5 -> "input.level " + pick(random, new String[] {"<", "<=", ">", ">="}) + " " + random.nextInt(10);
            case 6 -> "not input.flag";
            case 7 -> "is_tagged(\"" + pick(random, new String[] {"a", "b", "c"}) + "\")";
            case 8 -> "not elevated";
            case 9 -> "some t in input.tags; t != \"b\"";
            case 10 -> "elevated with input.level as " + random.nextInt(10);
            case 11 -> "is_number(input.level)";
            case 12 -> "type_name(input.level) == \"" + pick(random, new String[] {"string", "null"}) + "\"";
            default -> "count(input.tags) " + pick(random, new String[] {"==", ">"}) + " " + random.nextInt(3);
        };
    }

    /** Paths the chain-shaped policies test, two under one parent; and the constants they compare with. */
    private static final String[] CHAIN_PATHS = {"input.action", "input.subject.role", "input.subject.team",
        "input.resource.kind"};
    private static final String[] CHAIN_CONSTANTS = {"\"a\"", "\"b\"", "\"c\"", "1", "2.0", "true", "null"};

    @Test
    @DisplayName("indexed and naive decisions agree on 6,000 seeded inputs over 50 policies whose rules form chains")
    void chainLookupsAgreeWithNaive() throws Exception {
        Random random = new Random(SEED + 1);
        int compared = 0;
        int allowed = 0;
        int chained = 0;
        for (int p = 0; p < 50; p++) {
            String policy = chainPolicy(random);
            CompiledRevision revision = (CompiledRevision) Policies.compile("c.pol", policy);
            chained += revision.treeText("c").orElseThrow().contains("cases looked up at once") ? 1 : 0;
            for (int i = 0; i < 120; i++) {
                Value input = Policies.json(chainInput(random));
                Decision indexed = revision.decide("c", input, DecideOptions.DEFAULT);
                Decision naive = revision.decide("c", input, DecideOptions.NAIVE);
                assertThat(indexed).as("policy:\n" + policy + "\ninput: " + input).usingRecursiveComparison()
                        .isEqualTo(naive);
                compared++;
                allowed += indexed.allowed() ? 1 : 0;
            }
        }
        // Most policies must form a chain and allow often, or the comparison proves little about the lookup.
        assertThat(chained).isGreaterThan(35);
        assertThat(allowed).isGreaterThan(compared / 40);
    }

    /**
     * Rules that all test the same two to four paths by equality or membership, so the tree forms chains; some also
     * carry a literal the tree cannot take, and some policies add a rule on fewer paths, which breaks the top chain.
     */
    private static String chainPolicy(Random random) {
        List<String> paths = new ArrayList<>(List.of(CHAIN_PATHS));
        java.util.Collections.shuffle(paths, random);
        paths = paths.subList(0, 2 + random.nextInt(3));
        StringBuilder out = new StringBuilder("package c\n\n");
        int rules = 1 + random.nextInt(12);
        for (int r = 0; r < rules; r++) {
            out.append("allow if {\n");
            for (String path : paths) {
                out.append("    ").append(random.nextInt(4) == 0
                        ? path + " in {" + pick(random, CHAIN_CONSTANTS) + ", " + pick(random, CHAIN_CONSTANTS) + "}"
                        : path + " == " + pick(random, CHAIN_CONSTANTS)).append('\n');
            }
            if (random.nextInt(5) == 0) {
                out.append("    input.level > ").append(random.nextInt(3)).append('\n');
            }
            out.append("}\n");
        }
        if (random.nextInt(6) == 0) {
            out.append("allow if ").append(paths.get(0)).append(" == ").append(pick(random, CHAIN_CONSTANTS))
                    .append('\n');
        }
        return out.toString();
    }

    /** Each path takes a constant, another value, or nothing; a parent is sometimes not an object. */
    private static String chainInput(Random random) {
        String[] others = {"\"d\"", "2", "false", "[]", "{}"};
        List<String> top = new ArrayList<>();
        List<String> subject = new ArrayList<>();
        List<String> resource = new ArrayList<>();
        for (String path : CHAIN_PATHS) {
            int pick = random.nextInt(8);
            if (pick == 0) {
                continue;
            }
            String value = pick == 1 ? pick(random, others) : pick(random, CHAIN_CONSTANTS);
            String[] parts = path.split("\\.");
            String member = "\"" + parts[parts.length - 1] + "\": " + value;
            (parts.length == 2 ? top : parts[1].equals("subject") ? subject : resource).add(member);
        }
        if (random.nextInt(10) == 0) {
            top.add("\"subject\": \"nobody\"");
        } else {
            top.add("\"subject\": {" + String.join(", ", subject) + "}");
        }
        top.add("\"resource\": {" + String.join(", ", resource) + "}");
        top.add("\"level\": " + random.nextInt(4));
        return "{" + String.join(", ", top) + "}";
    }

    static String input(Random random) {
        List<String> fields = new ArrayList<>();
        if (random.nextInt(10) > 0) {
            fields.add("\"role\": \"" + pick(random, ROLES) + "\"");
        }
        if (random.nextInt(10) > 0) {
            fields.add("\"action\": \"" + pick(random, ACTIONS) + "\"");
        }
        int level = random.nextInt(12);
        if (level < 9) {
            fields.add("\"level\": " + level);
        } else if (level == 9) {
            fields.add("\"level\": \"high\"");
        } else if (level == 10) {
            fields.add("\"level\": null");
        }
        if (random.nextBoolean()) {
            fields.add("\"flag\": " + random.nextBoolean());
        }
        int rank = random.nextInt(8);
        if (rank < 6) {
            fields.add("\"rank\": " + rank);
        } else if (rank == 6) {
            fields.add("\"rank\": \"first\"");
        }
        if (random.nextInt(5) > 0) {
            List<String> tags = new ArrayList<>();
            int count = random.nextInt(4);
            for (int i = 0; i < count; i++) {
                tags.add("\"" + pick(random, new String[] {"a", "b", "c"}) + "\"");
            }
            fields.add("\"tags\": [" + String.join(", ", tags) + "]");
        }
        return "{" + String.join(", ", fields) + "}";
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
