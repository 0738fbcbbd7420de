package io.gatehouse.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class DecisionApiTest {

    static final String SEED = "s2s.operations";
    static final String REFUNDER = "spiffe://prod.example.org/ns/payments/sa/refunder";

    static String flushQuery() {
        return """
                {"policy": "s2s.operations", "input": {
                  "operation": "cache.flush",
                  "resource": {"id": "cache/sessions", "sensitivity": "internal"},
                  "context": {"time": "2026-03-02T10:00:00Z"}}}""";
    }

    @Nested
    @DisplayName("a well-formed query")
    class WellFormed {

        @Test
        void whenNoVerifiedPrincipalThenDeniedWithTheReasonAndTheRevision() {
            given().contentType(ContentType.JSON).body(flushQuery())
                    .when().post("/v1/decisions")
                    .then().statusCode(200)
                    .body("allow", is(false))
                    .body("reasons", hasItem("caller identity is not verified"))
                    .body("decision_id", not(emptyOrNullString()))
                    .body("revision", not(emptyOrNullString()))
                    .body("obligations", notNullValue());
        }

        @Test
        void whenTheBodyClaimsAPrincipalThenThePolicyNeverSeesIt() {
            String forged = """
                    {"policy": "s2s.operations", "input": {
                      "principal": {"verified": true, "spiffe_id": "%s"},
                      "peer": {"verified": true, "spiffe_id": "%s"},
                      "operation": "secrets.read",
                      "resource": {"id": "vault/payments/stripe", "sensitivity": "confidential"},
                      "context": {"time": "2026-03-02T10:00:00Z"}}}""".formatted(REFUNDER, REFUNDER);
            given().contentType(ContentType.JSON).body(forged)
                    .when().post("/v1/decisions")
                    .then().statusCode(200)
                    .body("allow", is(false))
                    .body("reasons", hasItem("caller identity is not verified"));
        }

        @Test
        void whenThePackageDoesNotExistThenDeniedNamingIt() {
            given().contentType(ContentType.JSON)
                    .body("{\"policy\": \"no.such.package\", \"input\": {}}")
                    .when().post("/v1/decisions")
                    .then().statusCode(200)
                    .body("allow", is(false))
                    .body("error", containsString("no.such.package"));
        }

        @Test
        void whenExplainIsAskedThenTheDecisionCarriesAnExplanation() {
            given().contentType(ContentType.JSON).body(flushQuery())
                    .queryParam("explain", true)
                    .when().post("/v1/decisions")
                    .then().statusCode(200)
                    .body("explanation", notNullValue());
        }

        @Test
        void whenNotAskedThenNoExplanation() {
            given().contentType(ContentType.JSON).body(flushQuery())
                    .when().post("/v1/decisions")
                    .then().statusCode(200)
                    .body("explanation", nullValue());
        }

        @Test
        void whenABatchIsSentThenEachQueryIsDecidedOnItsOwn() {
            String batch = "{\"queries\": [" + flushQuery() + ", {\"policy\": \"no.such\", \"input\": {}}]}";
            given().contentType(ContentType.JSON).body(batch)
                    .when().post("/v1/decisions/batch")
                    .then().statusCode(200)
                    .body("results", hasSize(2))
                    .body("results[0].reasons", hasItem("caller identity is not verified"))
                    .body("results[1].error", containsString("no.such"));
        }
    }

    @Nested
    @DisplayName("bad input gets a problem detail naming the field, and the service stays up")
    class BadInput {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "malformed JSON inside input    | {\"policy\": \"s2s.operations\", \"input\": {   | /input",
            "malformed JSON at the top     | {\"policy\" \"s2s.operations\"}               | /",
            "policy missing                 | {\"input\": {}}                                 | policy",
            "policy not a package path      | {\"policy\": \"../etc\", \"input\": {}}         | policy",
            "input missing                  | {\"policy\": \"s2s.operations\"}                | input",
            "input an array                 | {\"policy\": \"s2s.operations\", \"input\": []} | input",
            "input a string                 | {\"policy\": \"s2s.operations\", \"input\": \"x\"} | input",
        })
        void whenTheBodyIsWrongThen400NamesTheField(String note, String body, String field) {
            given().contentType(ContentType.JSON).body(body)
                    .when().post("/v1/decisions")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", is(400))
                    .body("type", startsWith("https://gatehouse.dev/problems/"))
                    .body("errors.field", hasItem(field));
            stillServing();
        }

        @Test
        void whenTheBodyIsTooLargeThen413() {
            String padding = "x".repeat(1_100_000);
            given().contentType(ContentType.JSON)
                    .body("{\"policy\": \"s2s.operations\", \"input\": {\"pad\": \"" + padding + "\"}}")
                    .when().post("/v1/decisions")
                    .then().statusCode(413)
                    .contentType("application/problem+json")
                    .body("detail", containsString("exceeds the limit"));
            stillServing();
        }

        @Test
        void whenTheInputIsNestedTooDeeplyThen400NamesTheLimit() {
            String deep = "[".repeat(200) + "]".repeat(200);
            given().contentType(ContentType.JSON)
                    .body("{\"policy\": \"s2s.operations\", \"input\": {\"deep\": " + deep + "}}")
                    .when().post("/v1/decisions")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString("nesting depth"));
            stillServing();
        }

        @Test
        void whenABatchEntryIsWrongThenItsIndexIsNamedAndNothingIsDecided() {
            String batch = "{\"queries\": [" + flushQuery() + ", {\"policy\": \"s2s.operations\", \"input\": 7}]}";
            given().contentType(ContentType.JSON).body(batch)
                    .when().post("/v1/decisions/batch")
                    .then().statusCode(400)
                    .body("errors.field", hasItem("queries[1].input"));
        }

        @Test
        void whenTheBatchIsEmptyThen400() {
            given().contentType(ContentType.JSON).body("{\"queries\": []}")
                    .when().post("/v1/decisions/batch")
                    .then().statusCode(400)
                    .body("errors.field", hasItem("queries"));
        }

        @Test
        void whenTheContentTypeIsNotJsonThen415() {
            given().contentType(ContentType.TEXT).body("allow please")
                    .when().post("/v1/decisions")
                    .then().statusCode(415)
                    .contentType("application/problem+json");
        }

        void stillServing() {
            given().contentType(ContentType.JSON).body(flushQuery())
                    .when().post("/v1/decisions")
                    .then().statusCode(200);
        }
    }

    @Nested
    @DisplayName("policies, catalog and data")
    class Introspection {

        @Test
        void whenPoliciesAreListedThenTheRevisionAndSeedPackageShow() {
            given().when().get("/v1/policies")
                    .then().statusCode(200)
                    .body("revision", not(emptyOrNullString()))
                    .body("packages", hasItem(SEED));
        }

        @Test
        void whenTheCatalogIsListedThenEveryPrivilegedOperationHasOwnerAndRisk() {
            given().when().get("/v1/catalog")
                    .then().statusCode(200)
                    .body("operations.find { it.name == 'db.migrate' }.owner", equalTo("data-platform"))
                    .body("operations.find { it.name == 'db.migrate' }.risk", equalTo("critical"))
                    .body("operations.find { it.name == 'secrets.read' }.package", equalTo(SEED));
        }

        @Test
        void whenARuleIsQueriedThenItsValueIsTheResult() {
            given().contentType(ContentType.JSON).body("{}")
                    .when().post("/v1/data/s2s/operations/sensitivity_rank")
                    .then().statusCode(200)
                    .body("result.restricted", is(3));
        }

        @Test
        void whenTheDataApiIsGivenAForgedPrincipalThenThePolicyNeverSeesIt() {
            String forged = """
                    {"input": {"principal": {"verified": true, "spiffe_id": "%s"},
                      "elevation": {"operation": "secrets.read", "resource": "vault/payments/stripe"},
                      "operation": "secrets.read",
                      "resource": {"id": "vault/payments/stripe", "sensitivity": "confidential"}}}""".formatted(REFUNDER);
            given().contentType(ContentType.JSON).body(forged)
                    .when().post("/v1/data/s2s/operations/allow")
                    .then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("detail", containsString("replay protection"));
            given().contentType(ContentType.JSON)
                    .body(forged.replace("secrets.read", "report.view"))
                    .when().post("/v1/data/s2s/operations/allow")
                    .then().statusCode(200)
                    .body("result", is(false));
        }

        @Test
        void whenAPathNamesOnlyDataThenNothingIsHandedOut() {
            given().contentType(ContentType.JSON).body("{}")
                    .when().post("/v1/data/s2s")
                    .then().statusCode(404)
                    .contentType("application/problem+json");
            given().contentType(ContentType.JSON).body("{}")
                    .when().post("/v1/data/s2s/grants")
                    .then().statusCode(404);
        }

        @Test
        void whenAPackageIsQueriedThenItsRulesAnswerButNotTheDataBesideThem() {
            given().contentType(ContentType.JSON).body("{}")
                    .when().post("/v1/data/cedar/gdrive")
                    .then().statusCode(200)
                    .body("result.allow", is(false))
                    .body("result.entities", nullValue());
        }

        @Test
        void whenARuleIsUndefinedThenNoResult() {
            given().contentType(ContentType.JSON).body("{\"input\": {}}")
                    .when().post("/v1/data/s2s/operations/obligations/log_resource")
                    .then().statusCode(200)
                    .body("result", nullValue());
        }
    }

    @Nested
    @DisplayName("health and metrics")
    class Operations {

        @Test
        void whenARevisionIsLoadedThenReady() {
            given().when().get("/q/health/ready")
                    .then().statusCode(200)
                    .body("checks.find { it.name == 'policy-revision' }.status", equalTo("UP"));
        }

        @Test
        void whenDecisionsWereMadeThenTheHistogramIsTaggedByPackageAndOutcomeOnly() {
            given().contentType(ContentType.JSON)
                    .body("{\"policy\": \"cedar.gdrive\", \"input\": {\"marker\": \"request-value-7731\"}}")
                    .post("/v1/decisions").then().statusCode(200).body("allow", is(false));
            given().contentType(ContentType.JSON)
                    .body("{\"policy\": \"no.such.pkg7731\", \"input\": {}}")
                    .post("/v1/decisions").then().statusCode(200);
            String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            org.assertj.core.api.Assertions.assertThat(metrics)
                    .contains("gatehouse_decisions_seconds_bucket{outcome=\"deny\",package=\"cedar.gdrive\"")
                    .contains("package=\"unknown\"")
                    .doesNotContain("request-value-7731")
                    .doesNotContain("pkg7731");
        }
    }
}
