package io.gatehouse.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The event-loop route and the REST resource answer {@code POST /v1/decisions} alike. A query string sends a request
 * to the resource ({@code ?explain=false} changes nothing else), so each body is sent both ways and the answers
 * compared: status, content type, correlation header and body, all but the decision id.
 */
@QuarkusTest
@DisplayName("the decision route answers every body exactly as the decision resource does")
class DecisionRouteTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TestHTTPResource("/v1/decisions")
    URL decisions;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "a denied query                  | {\"policy\": \"s2s.operations\", \"input\": {\"operation\": \"cache.flush\"}}",
        "an unknown package              | {\"policy\": \"no.such.package\", \"input\": {}}",
        "a cedar query                   | {\"policy\": \"cedar.gdrive\", \"input\": {\"principal\": 1, \"x\": [1.50, 2]}}",
        "an unknown member is ignored    | {\"policy\": \"s2s.operations\", \"input\": {}, \"extra\": true}",
        "malformed JSON inside input     | {\"policy\": \"s2s.operations\", \"input\": {",
        "malformed JSON at the top       | {\"policy\" \"s2s.operations\"}",
        "policy missing                  | {\"input\": {}}",
        "policy not a package path       | {\"policy\": \"../etc\", \"input\": {}}",
        "policy and input missing        | {}",
        "input missing                   | {\"policy\": \"s2s.operations\"}",
        "input an array                  | {\"policy\": \"s2s.operations\", \"input\": []}",
        "input null                      | {\"policy\": \"s2s.operations\", \"input\": null}",
        "an empty body                   | ``",
        "a JSON null body                | null",
        "an array as the whole body      | []",
        "a repeated key                  | {\"policy\": \"k8s.lib\", \"policy\": \"s2s.operations\", \"input\": {}}",
        "trailing data after the body    | {\"policy\": \"s2s.operations\", \"input\": {}} {\"x\": 1}",
        "a boolean where a string goes   | {\"policy\": true, \"input\": {}}",
        "a number where a string goes    | {\"policy\": \"s2s.operations\", \"input\": {}, \"subject_token\": 5}",
        "a number too long               | {\"policy\": \"s2s.operations\", \"input\": {\"n\": 1111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111}}",
        "a subject token that is no JWT  | {\"policy\": \"s2s.operations\", \"input\": {}, \"subject_token\": \"not-a-token\"}",
    })
    void whenABodyIsSentBothWaysThenTheAnswersAgree(String note, String body) throws Exception {
        HttpResponse<String> route = post(URI.create(decisions.toString()), body);
        HttpResponse<String> resource = post(URI.create(decisions + "?explain=false"), body);

        assertThat(route.statusCode()).as(note).isEqualTo(resource.statusCode());
        assertThat(route.headers().firstValue("Content-Type")).as(note)
                .isEqualTo(resource.headers().firstValue("Content-Type"));
        assertThat(route.headers().firstValue(CorrelationFilter.HEADER)).as(note).isPresent();
        assertThat(withoutDecisionId(route.body())).as(note).isEqualTo(withoutDecisionId(resource.body()));
    }

    @Test
    void whenTheNestingIsTooDeepThenBothRefuseNamingTheLimit() throws Exception {
        String body = "{\"policy\": \"s2s.operations\", \"input\": {\"deep\": " + "[".repeat(200) + "]".repeat(200)
                + "}}";
        whenABodyIsSentBothWaysThenTheAnswersAgree("too deep", body);
        assertThat(post(URI.create(decisions.toString()), body).body()).contains("nesting depth");
    }

    @Test
    void whenTheRequestCarriesAnIdThenTheRouteEchoesIt() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(decisions.toString()))
                .header("Content-Type", "application/json").header(CorrelationFilter.HEADER, "route-check-42")
                .POST(HttpRequest.BodyPublishers.ofString("{\"policy\": \"s2s.operations\", \"input\": {}}"))
                .build();
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue(CorrelationFilter.HEADER)).hasValue("route-check-42");
    }

    static HttpResponse<String> post(URI uri, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode withoutDecisionId(String body) throws Exception {
        JsonNode answer = JSON.readTree(body);
        if (answer instanceof ObjectNode object) {
            assertThat(object.has("decision_id") || object.has("type")).as(body).isTrue();
            object.remove("decision_id");
        }
        return answer;
    }
}
