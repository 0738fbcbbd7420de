package io.gatehouse.admission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.re2j.Pattern;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of every Gatekeeper library suite in the corpus, posted through {@code POST /k8s/validate} as the API
 * server would send it, judged by the ported {@code .pol} policies under the suite's own constraint.
 *
 * <p>The constraint comes from a hand-written fake of the constraint source holding exactly the suite test's
 * constraint (the shipped constraints would add their own violations); the policies and the decision path are the
 * real ones. Assertions follow gator: {@code violations: no|yes|N}, optionally counting only the violations whose
 * message an RE2 pattern finds.
 */
@QuarkusTest
class GatekeeperCorpusTest {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VIOLATION = Pattern.compile("^\\[([^\\]]+)\\] (.*)$");
    private static final Set<String> ASSERTION_KEYS = Set.of("violations", "message");

    /** One suite case: the object file, the constraint file and the suite's assertions. */
    record Case(String policy, String test, String name, Path object, Path constraint, List<JsonNode> assertions) {

        @Override
        public String toString() {
            return policy + " / " + test + " / " + name;
        }
    }

    static Stream<Case> cases() {
        return suiteCases().stream();
    }

    @Test
    void theCorpusHasEveryCaseTheManifestLists() {
        List<String[]> rows = manifestCaseRows();

        assertThat(suiteCases()).hasSize(rows.size()).hasSize(47);
        for (Case c : suiteCases()) {
            String expected = c.object().getFileName().toString().startsWith("allowed-") ? "allowed" : "denied";
            assertThat(rows).as("MANIFEST row for %s", c.object())
                    .anyMatch(row -> row[1].equals(c.object().getFileName().toString()) && row[2].equals(expected)
                            && row[5].contains("[" + c.constraint().getFileName() + "]"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verdictAndViolationsMatchTheSuite(Case c) {
        Constraint constraint = Constraint.of(read(c.constraint()));
        QuarkusMock.installMockForType(FakeConstraints.of(List.of(constraint)), ConstraintSource.class);

        JsonNode response = validate(review(read(c.object())));
        List<String> violations = violations(response, constraint.name());

        boolean expectDenied = c.object().getFileName().toString().startsWith("disallowed-");
        assertThat(response.at("/response/allowed").asBoolean()).as("allowed, violations %s", violations)
                .isEqualTo(!expectDenied);
        for (JsonNode assertion : c.assertions()) {
            check(assertion, violations);
        }
    }

    private static void check(JsonNode assertion, List<String> violations) {
        assertion.fieldNames().forEachRemaining(key ->
                assertThat(ASSERTION_KEYS).as("assertion key '%s'", key).contains(key));
        List<String> counted = violations;
        if (assertion.has("message")) {
            Pattern pattern = Pattern.compile(assertion.get("message").asText());
            counted = violations.stream().filter(message -> pattern.matcher(message).find()).toList();
        }
        JsonNode expected = assertion.get("violations");
        String description = assertion + " over " + violations;
        if (expected == null || expected.asText().equals("yes") || expected.isBoolean() && expected.booleanValue()) {
            assertThat(counted).as(description).isNotEmpty();
        } else if (expected.asText().equals("no") || expected.isBoolean()) {
            assertThat(counted).as(description).isEmpty();
        } else {
            assertThat(expected.canConvertToInt()).as("violations value in %s", assertion).isTrue();
            assertThat(counted).as(description).hasSize(expected.asInt());
        }
    }

    // --- the requests

    /** What the API server would send: a raw object as a CREATE, an AdmissionReview file unwrapped as it is. */
    static ObjectNode review(JsonNode document) {
        if (document.path("kind").asText().equals("AdmissionReview")) {
            ObjectNode review = document.deepCopy();
            ObjectNode request = (ObjectNode) review.get("request");
            if (!request.has("uid")) {
                request.put("uid", "gatekeeper-corpus-" + request.path("operation").asText().toLowerCase());
            }
            return review;
        }
        ObjectNode request = JSON.createObjectNode();
        request.put("uid", "gatekeeper-corpus-create");
        String apiVersion = document.path("apiVersion").asText();
        int slash = apiVersion.indexOf('/');
        request.putObject("kind").put("group", slash < 0 ? "" : apiVersion.substring(0, slash))
                .put("version", apiVersion.substring(slash + 1)).put("kind", document.path("kind").asText());
        request.put("name", document.at("/metadata/name").asText());
        request.put("operation", "CREATE");
        request.putObject("userInfo").put("username", "kubernetes-admin");
        request.set("object", document);
        request.put("dryRun", false);
        return SidecarInjectorTest.wrap(request, AdmissionReview.V1);
    }

    static JsonNode validate(JsonNode review) {
        String body = given().contentType("application/json").body(review.toString())
                .post("/k8s/validate").then().statusCode(200).extract().asString();
        try {
            JsonNode response = JSON.readTree(body);
            assertThat(response.path("apiVersion").asText()).isEqualTo(review.path("apiVersion").asText());
            assertThat(response.at("/response/uid").asText()).isEqualTo(review.at("/request/uid").asText());
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The violations of one constraint in a response: the status message's lines, without the name prefix. */
    static List<String> violations(JsonNode response, String constraintName) {
        List<String> violations = new ArrayList<>();
        if (response.at("/response/allowed").asBoolean()) {
            return violations;
        }
        assertThat(response.at("/response/status/code").asInt()).isEqualTo(403);
        for (String line : response.at("/response/status/message").asText().split("\n")) {
            var matcher = VIOLATION.matcher(line);
            assertThat(matcher.matches()).as("violation line '%s'", line).isTrue();
            assertThat(matcher.group(1)).isEqualTo(constraintName);
            violations.add(matcher.group(2));
        }
        // a violation must come from the policy's judgement, never from a failure to judge
        assertThat(violations).noneMatch(violation -> violation.startsWith("policy ")
                || violation.startsWith("no policy judges"));
        return violations;
    }

    // --- the corpus

    static List<Case> suiteCases() {
        List<Case> cases = new ArrayList<>();
        Map<String, String> constraintFiles = constraintFilesByTest();
        try (Stream<Path> folders = Files.list(CorpusFiles.gatekeeper())) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                JsonNode suite = read(folder.resolve("suite.yaml"));
                for (JsonNode test : suite.path("tests")) {
                    String testName = test.path("name").asText();
                    Path constraint = folder.resolve(constraintFiles.get(folder.getFileName() + "/" + testName));
                    for (JsonNode suiteCase : test.path("cases")) {
                        String caseName = suiteCase.path("name").asText();
                        List<JsonNode> assertions = new ArrayList<>();
                        suiteCase.path("assertions").forEach(assertions::add);
                        assertThat(assertions).as("assertions of %s/%s", testName, caseName).isNotEmpty();
                        cases.add(new Case(folder.getFileName().toString(), testName, caseName,
                                objectFile(folder, testName, caseName), constraint, assertions));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    private static Path objectFile(Path folder, String test, String name) {
        for (String verdict : List.of("allowed-", "disallowed-")) {
            Path file = folder.resolve(verdict + test + "--" + name + ".yaml");
            if (Files.exists(file)) {
                return file;
            }
        }
        throw new AssertionError("no object file for " + folder.getFileName() + " " + test + "/" + name);
    }

    /** {@code policy/suite-test} to the constraint file, from MANIFEST.tsv's constraint rows. */
    private static Map<String, String> constraintFilesByTest() {
        Map<String, String> files = new TreeMap<>();
        for (String[] row : manifestRows()) {
            if (row[2].equals("constraint")) {
                files.put(row[0] + "/" + row[5].trim(), row[1]);
            }
        }
        return files;
    }

    private static List<String[]> manifestCaseRows() {
        return manifestRows().stream().filter(row -> row[2].equals("allowed") || row[2].equals("denied")).toList();
    }

    private static List<String[]> manifestRows() {
        try {
            return Files.readAllLines(CorpusFiles.gatekeeper().resolve("MANIFEST.tsv")).stream()
                    .filter(line -> !line.startsWith("#") && !line.startsWith("policy\t") && !line.isBlank())
                    .map(line -> line.split("\t"))
                    .peek(row -> assertThat(row).as("MANIFEST row").hasSize(7))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
