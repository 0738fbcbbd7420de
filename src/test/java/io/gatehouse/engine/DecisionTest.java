package io.gatehouse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.eval.Limits;
import io.gatehouse.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decision model: allow and deny, obligations, errors as denies, privileged operations, loading, explaining. */
class DecisionTest {

    private static final String REFUNDS = """
            package payments.refunds
            import data.teams

            operation "refund.issue" {
                owner: "payments-platform"
                risk: "high"
                description: "move money back to a customer"
            }

            default allow := false
            allow if {
                input.operation == "refund.issue"
                input.principal.spiffe_id in teams.refunders
                input.resource.amount <= 500
            }
            deny contains sprintf("amount %v is above the hard limit", [input.resource.amount]) if {
                input.resource.amount > 10000
            }
            obligations["max_ttl"] := 300 if allow
            """;

    private static Revision refunds() throws PolicyCompileException {
        return Policies.compile("payments/refunds.pol", REFUNDS, "teams.json", "{\"refunders\": [\"spiffe://a\"]}");
    }

    private static Value refund(Object amount) {
        return Policies.json("{\"operation\": \"refund.issue\", \"principal\": {\"spiffe_id\": \"spiffe://a\"}, "
                + "\"resource\": {\"amount\": " + amount + "}}");
    }

    @Nested
    class Verdicts {

        @Test
        void whenAllowHoldsAndNoDenyThenAllowedWithObligations() throws Exception {
            Decision decision = refunds().decide("payments.refunds", refund(20), DecideOptions.DEFAULT);

            assertThat(decision.allowed()).isTrue();
            assertThat(decision.reasons()).isEmpty();
            assertThat(decision.obligations()).isEqualTo(Policies.json("{\"max_ttl\": 300}"));
            assertThat(decision.error()).isNull();
            assertThat(decision.rules()).containsExactly("payments.refunds.allow at payments/refunds.pol:11:1",
                    "payments.refunds.obligations at payments/refunds.pol:19:1");
        }

        @Test
        void whenNoAllowDefinitionHoldsThenDeniedWithoutError() throws Exception {
            Decision decision = refunds().decide("payments.refunds", refund(600), DecideOptions.DEFAULT);

            assertThat(decision.allowed()).isFalse();
            assertThat(decision.error()).isNull();
            assertThat(decision.obligations().members()).isEmpty();
        }

        @Test
        void whenDenyHasAReasonThenDeniedEvenIfAllowHolds() throws Exception {
            Revision revision = Policies.compile("p.pol", "package p\nallow := true\n"
                    + "deny contains \"b reason\" if input.x\ndeny contains \"a reason\" if input.x\n");

            Decision decision = revision.decide("p", Policies.json("{\"x\": true}"), DecideOptions.DEFAULT);

            assertThat(decision.allowed()).isFalse();
            assertThat(decision.reasons()).containsExactly("a reason", "b reason");
        }

        @Test
        void whenAnAmountIsNullThenTheTypeErrorDeniesAndIsNamed() throws Exception {
            Decision decision = refunds().decide("payments.refunds", refund("null"), DecideOptions.DEFAULT);

            assertThat(decision.allowed()).isFalse();
            assertThat(decision.error())
                    .isEqualTo("cannot compare null with number using \"<=\" at payments/refunds.pol:14:5");
            assertThat(decision.reasons()).containsExactly("evaluation error: " + decision.error());
        }

        @Test
        void whenOneRuleHasConflictingValuesThenTheDecisionIsAnError() throws Exception {
            Revision revision = Policies.compile("p.pol", "package p\nallow := true if input.a\n"
                    + "allow := false if input.b\n");

            Decision decision = revision.decide("p", Policies.json("{\"a\": 1, \"b\": 1}"), DecideOptions.DEFAULT);

            assertThat(decision.allowed()).isFalse();
            assertThat(decision.error()).startsWith("rule \"p.allow\" produced conflicting values");
        }

        @Test
        void whenAllowIsNotExactlyTrueThenDenied() throws Exception {
            Revision revision = Policies.compile("p.pol", "package p\nallow := \"yes\"\n");

            assertThat(revision.decide("p", Policies.json("{}"), DecideOptions.DEFAULT).allowed()).isFalse();
        }

        @Test
        void whenThePackageDoesNotExistThenDeniedWithAReason() throws Exception {
            Decision decision = refunds().decide("payments.nothing", refund(1), DecideOptions.DEFAULT);

            assertThat(decision.allowed()).isFalse();
            assertThat(decision.error()).isEqualTo("policy package \"payments.nothing\" does not exist");
        }

        @Test
        void whenThePackageHasNoEntrypointThenDeniedWithAReason() throws Exception {
            Revision revision = Policies.compile("p.pol", "package p\nlimit := 5\n");

            assertThat(revision.decide("p", Policies.json("{}"), DecideOptions.DEFAULT).error())
                    .isEqualTo("policy package \"p\" has no allow or deny rule");
        }

        @Test
        void whenTheInputIsNullThenInputRefsAreUndefined() throws Exception {
            Decision decision = refunds().decide("payments.refunds", null, DecideOptions.DEFAULT);

            assertThat(decision.allowed()).isFalse();
            assertThat(decision.error()).isNull();
        }
    }

    @Nested
    class PrivilegedOperations {

        @Test
        void whenTheInputNamesADeclaredOperationThenTheDecisionIsPrivileged() throws Exception {
            Decision decision = refunds().decide("payments.refunds", refund(20), DecideOptions.DEFAULT);

            assertThat(decision.privileged()).isTrue();
            assertThat(decision.operation()).isEqualTo("refund.issue");
        }

        @Test
        void whenTheOperationIsNotDeclaredThenTheDecisionIsNotPrivileged() throws Exception {
            Decision decision = refunds().decide("payments.refunds", Policies.json("{\"operation\": \"x\"}"),
                    DecideOptions.DEFAULT);

            assertThat(decision.privileged()).isFalse();
            assertThat(decision.operation()).isNull();
        }

        @Test
        void whenAnErrorDeniesAPrivilegedOperationThenItIsStillNamed() throws Exception {
            Decision decision = refunds().decide("payments.refunds", refund("\"x\""), DecideOptions.DEFAULT);

            assertThat(decision.error()).isNotNull();
            assertThat(decision.operation()).isEqualTo("refund.issue");
        }

        @Test
        void whenTheCatalogIsListedThenItHasOwnerRiskAndGoverningRules() throws Exception {
            assertThat(refunds().catalog()).containsExactly(new PrivilegedOperation("refund.issue",
                    "payments-platform", "high", "move money back to a customer", "payments.refunds",
                    java.util.List.of("payments.refunds.allow"), "payments/refunds.pol:4:1"));
        }

        @Test
        void whenNoRuleTestsTheOperationThenEveryEntrypointGovernsIt() throws Exception {
            Revision revision = Policies.compile("p.pol", "package p\noperation \"x.y\" { owner: \"o\", risk: "
                    + "\"low\", description: \"d\" }\nallow if input.a\ndeny contains \"no\" if input.b\n");

            assertThat(revision.catalog().get(0).rules()).containsExactly("p.allow", "p.deny");
        }
    }

    @Nested
    class Limits {

        @Test
        void whenTheStepLimitIsHitThenTheDecisionIsADenyNamingIt() throws Exception {
            Revision revision = PolicyEngine.compile(Map.of("p.pol", "package p\n"
                    + "allow if { some a in input.xs; some b in input.xs; some c in input.xs; a + b + c < 0 }\n"),
                    new io.gatehouse.eval.Limits(1_000, 64));

            Decision decision = revision.decide("p", Policies.json("{\"xs\": " + java.util.stream.IntStream
                    .range(0, 50).boxed().toList() + "}"), DecideOptions.DEFAULT);

            assertThat(decision.allowed()).isFalse();
            assertThat(decision.error()).startsWith("evaluation step limit of 1000 exceeded");
        }

        @Test
        void whenRulesNestDeeperThanTheLimitThenTheDecisionIsADenyNamingIt() throws Exception {
            Revision revision = PolicyEngine.compile(Map.of("p.pol", "package p\na if { b; input.x }\n"
                    + "b if { c; input.x }\nc if { d; input.x }\nd if input.x\nallow if a\n"),
                    new io.gatehouse.eval.Limits(1_000, 3));

            assertThat(revision.decide("p", Policies.json("{\"x\": true}"), DecideOptions.DEFAULT).error())
                    .startsWith("evaluation depth limit of 3 exceeded");
        }

        @Test
        void whenLimitsAreNotPositiveThenTheyAreRefused() {
            assertThatThrownBy(() -> new io.gatehouse.eval.Limits(0, 1)).isInstanceOf(
                    IllegalArgumentException.class);
        }
    }

    @Nested
    class Loading {

        @TempDir
        Path directory;

        private void write(String file, String text) throws Exception {
            Path path = directory.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, text);
        }

        @Test
        void whenDataFilesSitBesideThePoliciesThenTheyAreMountedByPath() throws Exception {
            write("teams/payments.json", "{\"refunders\": [\"a\"]}");
            write("teams/data.yaml", "owners:\n  - b\n");
            write("data.json", "{\"limits\": {\"max\": 5}}");
            write("p.pol", "package p\nallow if { \"a\" in data.teams.payments.refunders; "
                    + "\"b\" in data.teams.owners; data.limits.max == 5 }\n");

            Revision revision = PolicyEngine.load(directory);

            assertThat(revision.decide("p", Policies.json("{}"), DecideOptions.DEFAULT).allowed()).isTrue();
            assertThat(revision.sources()).containsOnlyKeys("data.json", "p.pol", "teams/data.yaml",
                    "teams/payments.json");
        }

        @Test
        void whenTwoFilesDefineOneDocumentThenLoadingFails() throws Exception {
            write("teams.json", "{\"a\": 1}");
            write("data.json", "{\"teams\": 2}");
            write("p.pol", "package p\nallow := true\n");

            assertThatThrownBy(() -> PolicyEngine.load(directory)).isInstanceOfSatisfying(
                    PolicyCompileException.class, e -> assertThat(e.diagnostics().get(0).code()).isEqualTo("E112"));
        }

        @Test
        void whenADataFileIsMalformedThenLoadingFailsNamingIt() throws Exception {
            write("bad.json", "{\"a\": ");
            write("p.pol", "package p\nallow := true\n");

            assertThatThrownBy(() -> PolicyEngine.load(directory)).isInstanceOfSatisfying(
                    PolicyCompileException.class, e -> assertThat(e.diagnostics().get(0).format())
                            .startsWith("bad.json:1:1: E002: cannot read data file"));
        }

        @Test
        void whenAPackageOnlyHasTestFilesThenItIsNotADecisionPackage() throws Exception {
            write("p.pol", "package p\nallow if input.a\n");
            write("p_test.pol", "package p_test\ntest_allow if data.p.allow with input as {\"a\": true}\n");

            Revision revision = PolicyEngine.load(directory);

            assertThat(revision.packages()).containsExactly("p");
            assertThat(revision.query("p_test.test_allow", null)).contains(Value.Bool.TRUE);
            assertThat(revision.decide("p_test", null, DecideOptions.DEFAULT).error()).contains("does not exist");
        }

        @Test
        void whenTheSameFilesAreLoadedTwiceThenTheRevisionIdIsTheSame() throws Exception {
            write("p.pol", "package p\nallow := true\n");
            String first = PolicyEngine.load(directory).id();
            assertThat(PolicyEngine.load(directory).id()).isEqualTo(first).hasSize(64);

            write("p.pol", "package p\nallow := false\n");
            assertThat(PolicyEngine.load(directory).id()).isNotEqualTo(first);
        }

        @Test
        void whenTheDirectoryDoesNotExistThenLoadingFails() {
            assertThatThrownBy(() -> PolicyEngine.load(directory.resolve("missing")))
                    .isInstanceOf(PolicyCompileException.class).hasMessageContaining("does not exist");
        }
    }

    @Nested
    class Explanations {

        @Test
        void whenAllowedThenTheExplanationListsTheFiredRulesAndTreePath() throws Exception {
            Explanation explanation = refunds().decide("payments.refunds", refund(20), DecideOptions.EXPLAIN)
                    .explanation();

            assertThat(explanation.path()).containsExactly("input.operation == \"refund.issue\"",
                    "input.resource.amount in (-inf, 10000)");
            assertThat(explanation.fired()).extracting(Explanation.RuleTrace::rule)
                    .containsExactly("payments.refunds.allow", "payments.refunds.obligations");
            assertThat(explanation.fired().get(0).held()).containsExactly("input.operation == \"refund.issue\"",
                    "input.principal.spiffe_id in teams.refunders", "input.resource.amount <= 500");
            assertThat(explanation.closest()).isNull();
        }

        @Test
        void whenDeniedThenTheClosestRuleNamesItsFailedConditions() throws Exception {
            Explanation explanation = refunds().decide("payments.refunds", refund(600), DecideOptions.EXPLAIN)
                    .explanation();

            assertThat(explanation.closest().rule()).isEqualTo("payments.refunds.allow");
            assertThat(explanation.closest().failed()).containsExactly("input.resource.amount <= 500");
        }

        @Test
        void whenExplainIsNotAskedThenThereIsNoExplanation() throws Exception {
            assertThat(refunds().decide("payments.refunds", refund(20), DecideOptions.DEFAULT).explanation())
                    .isNull();
        }
    }

    @Test
    void whenTheTreeIsPrintedThenTextAndDotShowTheSwitch() throws Exception {
        CompiledRevision revision = (CompiledRevision) refunds();

        assertThat(revision.treeText("payments.refunds").orElseThrow()).contains("switch input.operation",
                "case \"refund.issue\":", "allow (payments/refunds.pol:11:1) if input.principal.spiffe_id in "
                        + "teams.refunders; input.resource.amount <= 500");
        assertThat(revision.treeDot("payments.refunds").orElseThrow()).startsWith("digraph \"payments.refunds\"")
                .contains("[shape=diamond, label=\"input.operation\"]");
    }

    @Test
    void whenARuleDoesNotDependOnTheInputThenItIsComputedOnceAtLoad() throws Exception {
        Revision revision = PolicyEngine.compile(Map.of("p.pol", "package p\n"
                + "squares := {x: x * x | some x in data.numbers}\n"
                + "allow if squares[input.n] == input.square\n", "numbers.json", "[\"1\", \"2\"]"),
                new io.gatehouse.eval.Limits(1_000, 64));

        Decision decision = revision.decide("p", Policies.json("{\"n\": \"2\", \"square\": 4}"),
                DecideOptions.DEFAULT);

        assertThat(decision.error()).as("the constant rule failed at load and fails again here, not earlier")
                .contains("needs numbers, given string");
        Revision fine = Policies.compile("p.pol", "package p\nsquares := {x * x | some x in [1, 2]}\n"
                + "allow if input.square in squares\n");
        assertThat(fine.decide("p", Policies.json("{\"square\": 4}"), DecideOptions.DEFAULT).allowed()).isTrue();
    }

    @Test
    void whenBodiesTestTheTypeOfAnInputPathThenTheTreeSwitchesOnTheType() throws Exception {
        CompiledRevision revision = (CompiledRevision) Policies.compile("p.pol", "package p\n"
                + "allow if { is_string(input.id); input.id != \"\" }\n"
                + "deny contains \"numeric id\" if type_name(input.id) == \"number\"\n");

        assertThat(revision.treeText("p").orElseThrow()).contains("switch input.id", "case type number:",
                "case type string:", "allow (p.pol:2:1) if input.id != \"\"");
        assertThat(revision.decide("p", Policies.json("{\"id\": \"a\"}"), DecideOptions.DEFAULT).allowed())
                .isTrue();
        assertThat(revision.decide("p", Policies.json("{\"id\": 7}"), DecideOptions.DEFAULT).reasons())
                .containsExactly("numeric id");
    }

    @Test
    void whenAPackageValueIsQueriedThenRulesAndDataAreMerged() throws Exception {
        assertThat(refunds().query("payments/refunds/obligations", refund(20)))
                .contains(Policies.json("{\"max_ttl\": 300}"));
        assertThat(refunds().query("data.teams.refunders", null)).contains(Policies.json("[\"spiffe://a\"]"));
        assertThat(refunds().query("nothing.here", null)).isEmpty();
    }
}
