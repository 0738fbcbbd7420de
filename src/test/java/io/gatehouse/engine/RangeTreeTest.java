package io.gatehouse.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Number comparisons with constants lifted into the decision tree: the right band is found by binary search, a value
 * that is not a number still fails as written, an undefined one matches nothing, and overlapping intervals above the
 * size budget stay in the rule bodies. The differential test compares all of this with the naive evaluator on
 * random policies; these cases pin the shape and the messages.
 */
class RangeTreeTest {

    private static final String BANDS = """
            package limits

            allow if {
                input.kind == "refund"
                input.amount > 0
                input.amount <= 100
            }

            allow if {
                input.kind == "refund"
                input.amount > 100
                input.amount <= 200
                input.level >= 2
            }

            allow if {
                input.kind == "refund"
                1000 <= input.amount
            }
            """;

    private static Revision bands() throws PolicyCompileException {
        return Policies.compile("limits.pol", BANDS);
    }

    private static Decision decide(Revision revision, String input) {
        return revision.decide("limits", Policies.json(input), DecideOptions.DEFAULT);
    }

    @Test
    void whenTheAmountFallsInABandThenOnlyThatBandsRuleRuns() throws Exception {
        Revision revision = bands();

        assertThat(decide(revision, "{\"kind\": \"refund\", \"amount\": 100}").rules())
                .containsExactly("limits.allow at limits.pol:3:1");
        assertThat(decide(revision, "{\"kind\": \"refund\", \"amount\": 100.5, \"level\": 2}").rules())
                .containsExactly("limits.allow at limits.pol:9:1");
        assertThat(decide(revision, "{\"kind\": \"refund\", \"amount\": 1e3}").rules())
                .containsExactly("limits.allow at limits.pol:16:1");
    }

    @Test
    void whenTheAmountIsOutsideEveryBandThenTheDecisionIsADenyWithoutError() throws Exception {
        Revision revision = bands();

        for (String amount : List.of("0", "-5", "200.0001", "999.99")) {
            Decision decision = decide(revision, "{\"kind\": \"refund\", \"amount\": " + amount + ", \"level\": 9}");
            assertThat(decision.allowed()).as(amount).isFalse();
            assertThat(decision.error()).as(amount).isNull();
        }
        assertThat(decide(revision, "{\"kind\": \"refund\", \"amount\": 150, \"level\": 1}").allowed()).isFalse();
    }

    @Test
    void whenTheAmountIsNotANumberThenTheComparisonFailsAsWritten() throws Exception {
        Decision decision = decide(bands(), "{\"kind\": \"refund\", \"amount\": \"50\"}");

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.error()).isEqualTo("cannot compare string with number using \">\" at limits.pol:5:5");
    }

    @Test
    void whenTheAmountIsMissingThenNoBandMatchesAndNothingFails() throws Exception {
        Decision decision = decide(bands(), "{\"kind\": \"refund\"}");

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.error()).isNull();
    }

    @Test
    void whenAGuardBeforeTheComparisonFailsThenANonNumberIsNeverCompared() throws Exception {
        Decision decision = decide(bands(), "{\"kind\": \"payout\", \"amount\": \"50\"}");

        assertThat(decision.error()).isNull();
        assertThat(decision.allowed()).isFalse();
    }

    @Test
    void theTreeShowsTheBandsAndTheExplanationTheBandTaken() throws Exception {
        Revision revision = bands();

        String tree = revision.tree("limits", Revision.TreeFormat.TEXT);
        assertThat(tree).contains("ranges of input.amount", "in (0, 100]:", "in (100, 200]:", "in [1000, inf):",
                "not a number:");
        assertThat(revision.tree("limits", Revision.TreeFormat.DOT)).contains("(ranges)", "label=\"(100, 200]\"");
        Decision explained = revision.decide("limits",
                Policies.json("{\"kind\": \"refund\", \"amount\": 150, \"level\": 3}"), DecideOptions.EXPLAIN);
        assertThat(explained.explanation().path()).contains("input.amount in (100, 200)");
    }

    @Test
    void whenIntervalsOverlapBeyondTheBudgetThenTheComparisonsStayInTheBodies() throws Exception {
        StringBuilder policy = new StringBuilder("package floors\n\n");
        for (int floor = 0; floor < 600; floor++) {
            policy.append("allow if input.amount >= ").append(floor).append('\n');
        }
        Revision revision = Policies.compile("floors.pol", policy.toString());

        assertThat(revision.tree("floors", Revision.TreeFormat.TEXT)).doesNotContain("ranges of");
        Decision decision = revision.decide("floors", Policies.json("{\"amount\": 3}"), DecideOptions.DEFAULT);
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.rules()).hasSize(4);
        Value text = Policies.json("{\"amount\": \"3\"}");
        assertThat(revision.decide("floors", text, DecideOptions.DEFAULT).error()).startsWith("cannot compare");
    }

    @Test
    void whenNumbersAreWrittenInAnyFormThenTheBandAgreesWithTheNaiveEvaluator() throws Exception {
        // Integer inputs are searched among the bounds as longs; every other form among the decimals.
        String huge = """
                package huge

                allow if {
                    input.amount > -10000000000000000000
                    input.amount <= 99999999999999999999
                }
                """;
        for (Revision revision : List.of(bands(), Policies.compile("huge.pol", huge))) {
            String policy = revision.packages().contains("huge") ? "huge" : "limits";
            for (String amount : List.of("0", "100", "100.0", "1E+2", "1e2", "99", "101", "200", "200.000", "-1",
                    "999", "1000", "1000.5", "100000000000000000000", "99999999999999999999", "-10000000000000000000",
                    "-9999999999999999999", "9223372036854775807", "9223372036854775808", "0.000001")) {
                Value input = Policies.json("{\"kind\": \"refund\", \"amount\": " + amount + ", \"level\": 2}");
                Decision indexed = revision.decide(policy, input, DecideOptions.DEFAULT);
                Decision naive = revision.decide(policy, input, DecideOptions.NAIVE);
                assertThat(indexed).as(policy + " " + amount).usingRecursiveComparison().isEqualTo(naive);
            }
        }
        assertThat(decide(bands(), "{\"kind\": \"refund\", \"amount\": 1E+2}").allowed()).isTrue();
    }
}
