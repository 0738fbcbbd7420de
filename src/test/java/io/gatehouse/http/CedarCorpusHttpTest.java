package io.gatehouse.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.engine.CedarRequests;
import io.gatehouse.testing.Corpus;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request of the Cedar corpus scenarios gdrive and github, posted through {@code POST /v1/decisions} to the
 * ported policies: each file under {@code allow_requests/} must be allowed and each under {@code deny_requests/}
 * denied, with no evaluation error on either side.
 */
@QuarkusTest
class CedarCorpusHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> requests() throws IOException {
        Stream.Builder<Arguments> rows = Stream.builder();
        for (String scenario : List.of("gdrive", "github")) {
            for (String outcome : List.of("allow_requests", "deny_requests")) {
                Path folder = Corpus.resolve("cedar/" + scenario + "/fixtures-release-3.1.x/" + outcome);
                try (Stream<Path> files = Files.list(folder)) {
                    files.filter(file -> file.toString().endsWith(".json")).sorted()
                            .forEach(file -> rows.add(Arguments.of(scenario, outcome, file.getFileName().toString(),
                                    file)));
                }
            }
        }
        return rows.build();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("requests")
    void whenACorpusRequestIsPostedThenItsExpectedVerdictComesBack(
            String scenario, String outcome, String name, Path file) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("policy", "cedar." + scenario);
        body.set("input", CedarRequests.toInputJson(JSON.readTree(file.toFile())));

        given().contentType(ContentType.JSON).body(body.toString())
                .when().post("/v1/decisions")
                .then().statusCode(200)
                .body("allow", is(outcome.equals("allow_requests")))
                .body("error", nullValue());
    }

    @Test
    void theCorpusHoldsTheRequestsItPromises() throws IOException {
        long allow = requests().filter(row -> row.get()[1].equals("allow_requests")).count();
        long deny = requests().filter(row -> row.get()[1].equals("deny_requests")).count();
        org.assertj.core.api.Assertions.assertThat(allow).as("allow requests in gdrive and github").isEqualTo(8);
        org.assertj.core.api.Assertions.assertThat(deny).as("deny requests in gdrive and github").isEqualTo(6);
    }

}
