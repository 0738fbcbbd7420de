package io.gatehouse.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Switches that form a chain (every case leads to a switch on the same next path, down to leaves) are answered by
 * one lookup of the tuple of values. These cases pin when a chain is formed and check, on every combination of
 * matching, unknown, mistyped and missing values, that the lookup finds exactly what the naive evaluator finds.
 */
class ChainTableTest {

    private static final String ROLES = """
            package roles

            allow if {
                input.role == "admin"
                input.type == "doc"
                input.action in {"read", "write"}
            }

            allow if {
                input.role == "viewer"
                input.type in {"doc", "sheet"}
                input.action == "read"
            }

            allow if {
                input.role == "auditor"
                input.type == 7
                input.action == "read"
            }
            """;

    /** Each field's values: the constants the rules use, one they do not, wrong types, null, and absent. */
    private static final List<String> ROLE_VALUES = List.of("\"admin\"", "\"viewer\"", "\"auditor\"", "\"guest\"",
            "1", "[\"admin\"]", "null", "absent");
    private static final List<String> TYPE_VALUES = List.of("\"doc\"", "\"sheet\"", "7", "7.0", "\"7\"", "\"pdf\"",
            "true", "null", "absent");
    private static final List<String> ACTION_VALUES = List.of("\"read\"", "\"write\"", "\"delete\"", "{}", "null",
            "absent");

    @Test
    void whenEveryRuleTestsTheSamePathsThenTheTreeLooksThemUpAtOnce() throws Exception {
        CompiledRevision revision = (CompiledRevision) Policies.compile("roles.pol", ROLES);

        assertThat(revision.treeText("roles").orElseThrow())
                .contains("switch input.action (cases looked up at once with input.role, input.type: 5 combinations)");
    }

    @Test
    void whenValuesMatchMissOrHaveTheWrongTypeThenTheLookupAgreesWithTheNaiveEvaluator() throws Exception {
        CompiledRevision revision = (CompiledRevision) Policies.compile("roles.pol", ROLES);

        int allowed = 0;
        for (String input : inputs()) {
            Decision indexed = revision.decide("roles", Policies.json(input), DecideOptions.DEFAULT);
            Decision naive = revision.decide("roles", Policies.json(input), DecideOptions.NAIVE);
            assertThat(indexed).as(input).usingRecursiveComparison().isEqualTo(naive);
            allowed += indexed.allowed() ? 1 : 0;
        }
        // admin: doc x read, write; viewer: doc, sheet x read; auditor: 7 and 7.0 x read
        assertThat(allowed).isEqualTo(6);
    }

    @Test
    void whenARuleDoesNotTestTheFirstPathThenItStillAppliesBesideTheLookup() throws Exception {
        CompiledRevision revision = (CompiledRevision) Policies.compile("roles.pol", ROLES + """

                allow if {
                    input.role == "root"
                }
                """);

        assertThat(revision.treeText("roles").orElseThrow()).contains("cases looked up at once");
        Decision root = revision.decide("roles", Policies.json("{\"role\": \"root\"}"), DecideOptions.DEFAULT);
        assertThat(root.allowed()).isTrue();
        assertThat(root.rules()).containsExactly("roles.allow at roles.pol:21:1");
        String write = "{\"role\": \"admin\", \"type\": \"doc\", \"action\": \"write\"}";
        Decision admin = revision.decide("roles", Policies.json(write), DecideOptions.DEFAULT);
        assertThat(admin.rules()).containsExactly("roles.allow at roles.pol:3:1");
    }

    @Test
    void whenOneBranchStopsEarlierThenTheChainsStartBelowItAndDecisionsStillAgree() throws Exception {
        CompiledRevision revision = (CompiledRevision) Policies.compile("roles.pol", ROLES + """

                allow if {
                    input.action == "list"
                    input.role == "viewer"
                }
                """);

        assertThat(revision.treeText("roles").orElseThrow()).contains("  switch input.action\n",
                "switch input.role (cases looked up at once with input.type: 4 combinations)",
                "switch input.role (cases looked up at once with input.type: 1 combination)");
        for (String input : inputs()) {
            Decision indexed = revision.decide("roles", Policies.json(input), DecideOptions.DEFAULT);
            Decision naive = revision.decide("roles", Policies.json(input), DecideOptions.NAIVE);
            assertThat(indexed).as(input).usingRecursiveComparison().isEqualTo(naive);
        }
    }

    @Test
    void whenExplainingThenThePathStillNamesEverySwitchTaken() throws Exception {
        CompiledRevision revision = (CompiledRevision) Policies.compile("roles.pol", ROLES);

        Explanation explanation = revision.decide("roles",
                Policies.json("{\"role\": \"viewer\", \"type\": \"sheet\", \"action\": \"read\"}"),
                DecideOptions.EXPLAIN).explanation();

        assertThat(explanation.path()).containsExactly("input.action == \"read\"", "input.role == \"viewer\"",
                "input.type == \"sheet\"");
    }

    private static List<String> inputs() {
        List<String> inputs = new ArrayList<>();
        for (String role : ROLE_VALUES) {
            for (String type : TYPE_VALUES) {
                for (String action : ACTION_VALUES) {
                    inputs.add("{" + String.join(", ", field("role", role), field("type", type),
                            field("action", action)).replaceAll("(, )+", ", ").replaceAll("^, |, $", "") + "}");
                }
            }
        }
        return inputs;
    }

    /** The member, or nothing when the value is absent. */
    private static String field(String name, String value) {
        return value.equals("absent") ? "" : "\"" + name + "\": " + value;
    }
}
