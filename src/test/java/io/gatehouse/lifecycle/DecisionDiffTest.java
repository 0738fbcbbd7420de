package io.gatehouse.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.lifecycle.DecisionDiff.Change;
import io.gatehouse.lifecycle.DecisionDiff.Query;
import io.gatehouse.lifecycle.DecisionDiff.Report;
import io.gatehouse.value.Value;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionDiffTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Allows an amount up to {@code limit}; denies anything else naming the limit. */
    private static FakeRevision limitOf(int limit) {
        return FakeRevision.deciding("limit-" + limit, input -> amountOf(input) <= limit, "over " + limit);
    }

    private static int amountOf(Value input) {
        Value amount = ((Value.Obj) input).members().get("amount");
        return amount instanceof Value.Num number ? number.value().intValue() : Integer.MAX_VALUE;
    }

    private static Query query(int amount) {
        return new Query("fake", JSON.createObjectNode().put("amount", amount).put("operation", "refund.issue"),
                "test");
    }

    @Nested
    class Classification {

        @Test
        void whenNoDecisionChangesThenTheExitStatusIsZero() {
            Report report = DecisionDiff.compare(limitOf(500), limitOf(500), List.of(query(100), query(900)),
                    List.of());

            assertThat(report.differences()).isEmpty();
            assertThat(report.exitStatus()).isZero();
        }

        @Test
        void whenALimitIsLoweredThenTheAffectedInputIsNarrowedAndTheExitStatusIsOne() {
            Report report = DecisionDiff.compare(limitOf(500), limitOf(300), List.of(query(100), query(400)),
                    List.of());

            assertThat(report.differences()).singleElement().satisfies(difference -> {
                assertThat(difference.change()).isEqualTo(Change.NARROWED);
                assertThat(difference.query().input().get("amount").asInt()).isEqualTo(400);
                assertThat(difference.operation()).isEqualTo("refund.issue");
                assertThat(difference.before().rules()).containsExactly("fake.allow");
                assertThat(difference.after().rules()).containsExactly("fake.deny");
            });
            assertThat(report.exitStatus()).isEqualTo(1);
        }

        @Test
        void whenALimitIsRaisedThenTheAffectedInputIsWidenedAndTheExitStatusIsTwo() {
            Report report = DecisionDiff.compare(limitOf(300), limitOf(500), List.of(query(400), query(100)),
                    List.of());

            assertThat(report.count(Change.WIDENED)).isEqualTo(1);
            assertThat(report.exitStatus()).isEqualTo(2);
        }

        @Test
        void whenOnlyTheDenyReasonChangesThenItIsChangedNotWidened() {
            FakeRevision before = FakeRevision.deciding("a", input -> false, "no");
            FakeRevision after = FakeRevision.deciding("b", input -> false, "still no");

            Report report = DecisionDiff.compare(before, after, List.of(query(1)), List.of());

            assertThat(report.differences()).extracting(DecisionDiff.Difference::change)
                    .containsExactly(Change.CHANGED);
            assertThat(report.exitStatus()).isEqualTo(1);
        }

        @Test
        void whenTheSameQueryIsRecordedAndGeneratedThenItIsComparedOnce() {
            Report report = DecisionDiff.compare(limitOf(300), limitOf(500), List.of(query(400)), List.of(query(400)));

            assertThat(report.recorded()).isEqualTo(1);
            assertThat(report.generated()).isZero();
            assertThat(report.differences()).hasSize(1);
        }
    }

    @Nested
    class RecordedInputs {

        @TempDir
        Path directory;

        @Test
        void whenLinesNameTheirPolicyOrAreBareInputsThenEachBecomesQueries() throws IOException {
            Path file = Files.writeString(directory.resolve("inputs.jsonl"), """
                    {"policy": "a.b", "input": {"x": 1}}

                    {"x": 3}
                    """);

            List<Query> queries = DecisionDiff.readQueries(file, List.of("a.b", "c.d"));

            assertThat(queries).extracting(Query::policy).containsExactly("a.b", "a.b", "c.d");
            assertThat(queries).extracting(query -> query.input().get("x").asInt()).containsExactly(1, 3, 3);
            assertThat(queries.get(1).origin()).isEqualTo("inputs.jsonl:3");
        }

        @Test
        void whenAnAuditLogIsReadThenOnlyDecisionRecordsBecomeQueriesOfTheirPolicy() throws IOException {
            Path segments = Files.createDirectories(directory.resolve("audit/segments"));
            Files.writeString(segments.resolve("audit-00000000000000000000.jsonl"), """
                    {"v":1,"seq":0,"type":"decision","input":{"x":2},"details":{"policy":"c.d"}}
                    {"v":1,"seq":1,"type":"token","input":null,"details":{}}
                    """);
            Files.writeString(segments.resolve("audit-00000000000000000002.jsonl"), """
                    {"v":1,"seq":2,"type":"decision","input":{"x":5},"details":{"policy":"a.b"}}
                    """);
            Files.writeString(directory.resolve("audit/checkpoints.jsonl"), "{\"size\": 3}\n");

            List<Query> queries = DecisionDiff.readAudit(directory.resolve("audit"));

            assertThat(queries).extracting(Query::policy).containsExactly("c.d", "a.b");
            assertThat(queries).extracting(query -> query.input().get("x").asInt()).containsExactly(2, 5);
        }

        @Test
        void whenALineIsNotAJsonObjectThenReadingFailsNamingTheLine() throws IOException {
            Path file = Files.writeString(directory.resolve("inputs.jsonl"), "{\"x\": 1}\n[1, 2]\n");

            assertThatThrownBy(() -> DecisionDiff.readQueries(file, List.of("a")))
                    .isInstanceOf(IOException.class).hasMessageStartingWith("inputs.jsonl:2:");
        }

        @Test
        void whenALineIsMalformedJsonThenReadingFailsNamingTheLine() throws IOException {
            Path file = Files.writeString(directory.resolve("inputs.jsonl"), "{\"x\": \n");

            assertThatThrownBy(() -> DecisionDiff.readQueries(file, List.of("a")))
                    .isInstanceOf(IOException.class).hasMessageStartingWith("inputs.jsonl:1:");
        }
    }

    @Nested
    class Generation {

        private List<PolicyScan.Entrypoint> space(Map<String, List<String>> paths) {
            TreeMap<String, SortedSet<String>> candidates = new TreeMap<>();
            paths.forEach((path, values) -> candidates.put(path, new TreeSet<>(values)));
            return List.of(new PolicyScan.Entrypoint("fake", candidates));
        }

        @Test
        void whenTheSpaceIsSmallThenEveryCombinationIsGeneratedIncludingAbsentPaths() {
            List<Query> queries = DecisionDiff.generate(space(Map.of("a", List.of("1", "2"),
                    "b.c", List.of("\"x\""))), List.of(), 100);

            assertThat(queries).hasSize(3 * 2);
            assertThat(queries).extracting(query -> query.input().toString())
                    .contains("{}", "{\"a\":1,\"b\":{\"c\":\"x\"}}", "{\"b\":{\"c\":\"x\"}}");
        }

        @Test
        void whenTheSpaceIsLargeThenGenerationStopsAtTheLimitAndIsTheSameEveryRun() {
            Map<String, List<String>> paths = new TreeMap<>();
            for (int path = 0; path < 8; path++) {
                paths.put("p" + path, List.of("1", "2", "3", "4"));
            }

            List<Query> first = DecisionDiff.generate(space(paths), List.of(), 200);
            List<Query> second = DecisionDiff.generate(space(paths), List.of(), 200);

            assertThat(first).hasSize(200);
            assertThat(first).extracting(query -> query.input().toString())
                    .isEqualTo(second.stream().map(query -> query.input().toString()).toList());
        }

        @Test
        void whenAPathIsSetToAScalarThenPathsBelowItAreLeftOut() {
            List<Query> queries = DecisionDiff.generate(space(Map.of("a", List.of("1"), "a.b", List.of("2"))),
                    List.of(), 100);

            assertThat(queries).extracting(query -> query.input().toString())
                    .containsExactlyInAnyOrder("{\"a\":1}", "{\"a\":1}", "{\"a\":{\"b\":2}}", "{}");
        }

        @Test
        void whenGeneratedInputsMeetAChangedLimitThenTheBoundaryIsFound() {
            List<Query> generated = DecisionDiff.generate(space(Map.of("amount", List.of("499", "500", "501"))),
                    List.of(), 100);

            Report report = DecisionDiff.compare(limitOf(500), limitOf(499), List.of(), generated);

            assertThat(report.differences()).filteredOn(difference -> difference.change() == Change.NARROWED)
                    .singleElement().satisfies(difference -> assertThat(
                            difference.query().input().get("amount").decimalValue())
                            .isEqualByComparingTo(BigDecimal.valueOf(500)));
        }
    }
}
