package io.gatehouse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request of the Cedar corpus scenarios gdrive and github, through the ported policies under
 * {@code policies/cedar}: a request under {@code allow_requests/} must be allowed, one under {@code deny_requests/}
 * denied. The corpus is read where it lies, beside the project.
 */
class CedarScenariosTest {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).build();
    private static Revision revision;

    @BeforeAll
    static void load() throws PolicyCompileException {
        revision = PolicyEngine.load(Path.of("policies"));
    }

    /** The shared corpus: {@code ../shared/corpus} from the project, or from a parent when in a worktree. */
    static Path corpus() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            Path candidate = directory.resolve("../shared/corpus").normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            directory = directory.getParent();
        }
        throw new IllegalStateException("no shared/corpus folder beside the project or any parent");
    }

    static Stream<Arguments> requests() throws IOException {
        Stream.Builder<Arguments> rows = Stream.builder();
        for (String scenario : List.of("gdrive", "github")) {
            for (String outcome : List.of("allow_requests", "deny_requests")) {
                Path folder = corpus().resolve("cedar").resolve(scenario).resolve("fixtures-release-3.1.x")
                        .resolve(outcome);
                try (Stream<Path> files = Files.list(folder)) {
                    files.sorted().forEach(file -> rows.add(Arguments.of(scenario, outcome, file)));
                }
            }
        }
        return rows.build();
    }

    @ParameterizedTest(name = "{0} {1}/{2}")
    @MethodSource("requests")
    void decidesAsTheCorpusExpects(String scenario, String outcome, Path file) throws IOException {
        Decision decision = revision.decide("cedar." + scenario,
                CedarRequests.toInput(JSON.readTree(file.toFile())), DecideOptions.DEFAULT);

        assertThat(decision.error()).as(file.toString()).isNull();
        assertThat(decision.allowed()).as(file.toString()).isEqualTo(outcome.equals("allow_requests"));
    }

    @Test
    void whenTheNaiveEvaluatorDecidesThenEveryCorpusRequestGetsTheSameVerdict() throws IOException {
        List<Arguments> rows = requests().toList();
        assertThat(rows).hasSize(14);
        for (Arguments row : rows) {
            Path file = (Path) row.get()[2];
            var input = CedarRequests.toInput(JSON.readTree(file.toFile()));
            String policy = "cedar." + row.get()[0];
            assertThat(revision.decide(policy, input, DecideOptions.NAIVE).allowed()).as(file.toString())
                    .isEqualTo(revision.decide(policy, input, DecideOptions.DEFAULT).allowed());
        }
    }

    @Test
    void whenThePolicyUnitTestsRunThenEveryCedarTestPasses() {
        var cedarTests = revision.runTests(false).results().stream()
                .filter(result -> result.test().startsWith("cedar.")).toList();

        assertThat(cedarTests).hasSizeGreaterThanOrEqualTo(13);
        assertThat(cedarTests).allSatisfy(result -> assertThat(result.passed()).as(result.test() + ": "
                + result.failure()).isTrue());
    }

    @Test
    void whenTheEntityStoreIsCopiedThenItIsTheCorpusFileUnchanged() throws IOException {
        for (String scenario : List.of("gdrive", "github")) {
            Path original = corpus().resolve("cedar").resolve(scenario).resolve("fixtures-release-3.1.x")
                    .resolve("entities.json");
            assertThat(JSON.readTree(Path.of("policies/cedar").resolve(scenario).resolve("entities.json").toFile()))
                    .isEqualTo(JSON.readTree(original.toFile()));
        }
    }

    @Test
    void whenARequestHasAnUnknownFieldThenTheConverterRefusesIt() {
        assertThatThrownBy(() -> CedarRequests.toInput(JSON.readTree(
                "{\"principal\": \"User::\\\"a\\\"\", \"action\": \"Action::\\\"read\\\"\", "
                        + "\"resource\": \"Document::\\\"d\\\"\", \"contxt\": {}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown field \"contxt\" in a Cedar request");
    }

    @Test
    void whenAUidIsMalformedThenTheConverterNamesTheField() {
        assertThatThrownBy(() -> CedarRequests.toInput(JSON.readTree(
                "{\"principal\": \"alice\", \"action\": \"Action::\\\"read\\\"\", "
                        + "\"resource\": \"Document::\\\"d\\\"\"}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("field \"principal\" must be an entity uid");
    }
}
