package io.gatehouse.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpenApiRouteTest {

    @Test
    @DisplayName("/q/openapi answers the build-time document as YAML, with the decision API in it")
    void whenDocumentIsAskedForThenYamlIsTheDefault() {
        Response response = given().get("/q/openapi");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo(OpenApiRoute.YAML);
        assertThat(response.body().asString()).contains("\nopenapi: 3.").contains("/v1/decisions:")
                .contains("title: Gatehouse");
    }

    @Test
    @DisplayName("?format=json, Accept: application/json and /q/openapi.json answer the same JSON document")
    void whenJsonIsAskedForThenTheJsonDocumentIsAnswered() throws Exception {
        Response byQuery = given().get("/q/openapi?format=json");
        Response byAccept = given().accept("application/json").get("/q/openapi");
        Response byPath = given().get("/q/openapi.json");

        JsonNode document = new ObjectMapper().readTree(byQuery.body().asString());
        assertThat(document.path("paths").has("/v1/decisions")).isTrue();
        assertThat(document.path("components").path("schemas").has("DecisionRequest")).isTrue();
        assertThat(byQuery.contentType()).isEqualTo(OpenApiRoute.JSON);
        assertThat(byAccept.body().asString()).isEqualTo(byQuery.body().asString());
        assertThat(byPath.body().asString()).isEqualTo(byQuery.body().asString());
    }
}
