package io.gatehouse.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CorrelationFilterTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    @DisplayName("an X-Request-Id sent by the caller comes back and is what resources see")
    void whenRequestIdIsSentThenItIsKept() {
        Response response = given().header("X-Request-Id", "req-42.a").get("/test/correlation");

        assertThat(response.header("X-Request-Id")).isEqualTo("req-42.a");
        assertThat(response.body().asString()).isEqualTo("req-42.a");
    }

    @Test
    @DisplayName("a W3C traceparent gives its trace id, which wins over X-Request-Id")
    void whenTraceparentIsSentThenTheTraceIdIsUsed() {
        Response response = given()
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .header("X-Request-Id", "req-1")
                .get("/test/correlation");

        assertThat(response.header("X-Request-Id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(response.body().asString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    @DisplayName("without an id, or with a malformed one, a new UUID is generated and returned")
    void whenNoUsableIdIsSentThenOneIsGenerated() {
        Response none = given().get("/test/correlation");
        Response malformed = given().header("X-Request-Id", "has spaces and <script>")
                .header("traceparent", "00-00000000000000000000000000000000-00f067aa0ba902b7-01")
                .get("/test/correlation");

        assertThat(none.header("X-Request-Id")).matches(UUID).isEqualTo(none.body().asString());
        assertThat(malformed.header("X-Request-Id")).matches(UUID).isEqualTo(malformed.body().asString());
        assertThat(none.header("X-Request-Id")).isNotEqualTo(malformed.header("X-Request-Id"));
    }

    @Test
    @DisplayName("every response carries the header, errors and health endpoints included")
    void whenAnyRouteAnswersThenTheHeaderIsThere() {
        assertThat(given().get("/no/such/route").header("X-Request-Id")).matches(UUID);
        assertThat(given().get("/q/health/live").header("X-Request-Id")).matches(UUID);
    }
}
