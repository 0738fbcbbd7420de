package io.gatehouse.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyScanTest {

    private static final String REFUNDS = """
            package payments.refunds

            import data.teams

            # input.ignored.in_comment == "no"
            default allow := false

            limits := {"standard": 500, "gold": 5000}

            allow if {
                input.operation == "refund.issue"
                input.principal.spiffe_id in teams.refunders
                input.resource.amount <= limits[input.resource.tier]
                input.resource.amount > 10
                input["context"]["channel"] != `batch`
            }

            deny contains "closed" if {
                not time.between(input.context.time, "08:00", "18:00")
            }

            deny contains "unverified" if not input.principal.verified
            """;

    private static final String TEAMS = "{\"refunders\": [\"spiffe://example.org/sa/refunder\"]}";

    private static PolicyScan.Entrypoint scanRefunds() {
        List<PolicyScan.Entrypoint> scanned = PolicyScan.scan(Map.of("payments/refunds.pol", REFUNDS,
                "teams.json", TEAMS));
        assertThat(scanned).extracting(PolicyScan.Entrypoint::packageName).containsExactly("payments.refunds");
        return scanned.get(0);
    }

    @Test
    void whenARuleComparesAnInputPathWithAStringThenTheStringIsACandidate() {
        assertThat(scanRefunds().candidates().get("operation")).contains("\"refund.issue\"");
    }

    @Test
    void whenANumberIsComparedThenItAndItsNeighboursAreCandidates() {
        assertThat(scanRefunds().candidates().get("resource.amount")).contains("9", "10", "11");
    }

    @Test
    void whenAPathIsComparedWithATableEntryThenTheTableValuesAreCandidates() {
        assertThat(scanRefunds().candidates().get("resource.amount")).contains("500", "5000");
    }

    @Test
    void whenAPathIsLookedUpInADataDocumentThenTheDataStringsAreCandidates() {
        assertThat(scanRefunds().candidates().get("principal.spiffe_id"))
                .contains("\"spiffe://example.org/sa/refunder\"");
    }

    @Test
    void whenAPathIndexesAConstantRuleThenTheRuleKeysAreCandidates() {
        assertThat(scanRefunds().candidates().get("resource.tier")).contains("\"standard\"", "\"gold\"");
    }

    @Test
    void whenAPathIsWrittenWithBracketsThenItIsTheSamePathAsWithDots() {
        assertThat(scanRefunds().candidates().get("context.channel")).contains("\"batch\"");
    }

    @Test
    void whenAClockTimeIsComparedWithTheRequestTimeThenTimestampsAroundItAreCandidates() {
        assertThat(scanRefunds().candidates().get("context.time"))
                .contains("\"2026-01-05T08:00:00Z\"", "\"2026-01-05T07:59:00Z\"", "\"2026-01-05T18:00:00Z\"");
    }

    @Test
    void whenAPathIsTestedForTruthThenTrueIsACandidate() {
        assertThat(scanRefunds().candidates().get("principal.verified")).contains("true");
    }

    @Test
    void whenAPathAppearsOnlyInACommentThenItIsNotScanned() {
        assertThat(scanRefunds().candidates()).doesNotContainKey("ignored.in_comment");
    }

    @Test
    void whenAPackageHasNoAllowOrDenyOrIsATestThenItIsNoEntrypoint() {
        List<PolicyScan.Entrypoint> scanned = PolicyScan.scan(Map.of(
                "lib.pol", "package lib\nis_admin(p) if input.role == \"admin\"\n",
                "refunds_test.pol", "package payments.refunds_test\nallow if input.x == 1\n"));

        assertThat(scanned).isEmpty();
    }
}
