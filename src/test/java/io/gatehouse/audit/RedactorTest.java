package io.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0"
            + ".eyJzdWIiOiJhbGljZSIsImF1ZCI6ImdhdGVob3VzZSJ9.c2lnbmF0dXJlLWJ5dGVzLWhlcmU";
    private static final String PEM = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIHu0Y8X2yJxS\n"
            + "-----END PRIVATE KEY-----\n";
    private static final String SECRET_MARKERS = "hunter2|s3cr3t-value|MC4CAQAwBQYDK2VwBCIEIHu0Y8X2yJxS|"
            + "c2lnbmF0dXJlLWJ5dGVzLWhlcmU|dXNlcjpwYXNzd29yZA|Zm9vYmFyYmF6|AKIAIOSFODNN7EXAMPLE|8271|424242";

    private final Redactor redactor = new Redactor(List.of());

    private static void assertNoSecret(JsonNode redacted) {
        assertThat(redacted.toString()).doesNotContainPattern(SECRET_MARKERS);
    }

    @Test
    @DisplayName("a JWT inside an array inside an object is redacted, and its neighbours are kept")
    void jwtInArrayInObject() {
        JsonNode input = AuditEvents.json("{\"request\": {\"headers\": [\"x-trace\", \"" + JWT + "\", 7]}}");

        JsonNode redacted = redactor.redactInput(input);

        assertNoSecret(redacted);
        assertThat(redacted.at("/request/headers/0").asText()).isEqualTo("x-trace");
        assertThat(redacted.at("/request/headers/1").asText()).isEqualTo(Redactor.REDACTED);
        assertThat(redacted.at("/request/headers/2").asInt()).isEqualTo(7);
    }

    @Test
    @DisplayName("a number, an object, an array or a boolean under a credential-like key is redacted whole")
    void anyTypeUnderCredentialKey() {
        JsonNode input = AuditEvents.json("{\"user\": {\"password\": 424242, \"pin\": 8271,"
                + " \"client_secret\": {\"v\": \"s3cr3t-value\"}, \"API-Key\": [\"hunter2\"], \"otp\": true},"
                + " \"amount\": 12}");

        JsonNode redacted = redactor.redactInput(input);

        assertNoSecret(redacted);
        assertThat(redacted.at("/user/password").asText()).isEqualTo(Redactor.REDACTED);
        assertThat(redacted.at("/user/client_secret").asText()).isEqualTo(Redactor.REDACTED);
        assertThat(redacted.at("/user/API-Key").asText()).isEqualTo(Redactor.REDACTED);
        assertThat(redacted.at("/user/otp").asText()).isEqualTo(Redactor.REDACTED);
        assertThat(redacted.at("/amount").asInt()).isEqualTo(12);
    }

    @Test
    @DisplayName("a PEM private key inside a nested string is redacted")
    void pemInNestedString() {
        JsonNode input = AuditEvents.json("{\"config\": {\"files\": [{\"name\": \"tls.key\", \"content\": "
                + AuditEvents.JSON.valueToTree(PEM) + "}]}}");

        JsonNode redacted = redactor.redactInput(input);

        assertNoSecret(redacted);
        assertThat(redacted.at("/config/files/0/name").asText()).isEqualTo("tls.key");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bearer token in free text                 | Authorisation was Bearer Zm9vYmFyYmF6.hunter2",
        "basic credentials                         | Basic dXNlcjpwYXNzd29yZA==",
        "password in a query string                | https://api.example/login?user=al&password=hunter2",
        "URL with user and password                | postgres://app:hunter2@db.internal:5432/app",
        "AWS access key id                         | key AKIAIOSFODNN7EXAMPLE in use",
        "JSON document inside a string             | {\"nested\": {\"token\": \"hunter2\"}}",
    })
    @DisplayName("strings shaped like credentials are redacted wherever they appear")
    void credentialShapedStrings(String note, String text) {
        ObjectNode input = AuditEvents.JSON.createObjectNode();
        input.putArray("values").add(text);

        assertNoSecret(redactor.redactInput(input));
    }

    @Test
    @DisplayName("an object key that is itself a token is renamed and its value dropped")
    void credentialAsKey() {
        JsonNode input = AuditEvents.json("{\"sessions\": {\"" + JWT + "\": \"alice\"}}");

        JsonNode redacted = redactor.redactInput(input);

        assertNoSecret(redacted);
        assertThat(redacted.at("/sessions").size()).isEqualTo(1);
    }

    @Test
    @DisplayName("ordinary values stay as they are: redaction must not destroy the record")
    void ordinaryValuesAreKept() {
        JsonNode input = AuditEvents.json("{\"operation\": \"refund.issue\", \"resource\": {\"amount\": 500,"
                + " \"order\": \"o-123\", \"tags\": [\"eu\", \"card\"]}, \"token_count\": null,"
                + " \"note\": \"Basic authentication failed; bearer token missing\"}");

        JsonNode redacted = redactor.redactInput(input);

        assertThat(redacted.at("/operation").asText()).isEqualTo("refund.issue");
        assertThat(redacted.at("/resource")).isEqualTo(input.at("/resource"));
        assertThat(redacted.at("/note")).isEqualTo(input.at("/note"));
    }

    @Test
    @DisplayName("configured paths are masked: members, array wildcards, indexes and any-depth names")
    void configuredPathsAreMasked() {
        Redactor masking = new Redactor(List.of("$.customer.email", "$.items[*].card", "$.phones[0]", "$..iban"));
        JsonNode input = AuditEvents.json("{\"customer\": {\"email\": \"a@example.org\", \"name\": \"A\"},"
                + " \"items\": [{\"card\": \"4111\", \"sku\": 1}, {\"card\": {\"pan\": 4242}}],"
                + " \"phones\": [\"+1 555\", \"+1 666\"], \"deep\": [{\"x\": {\"iban\": \"DE89\"}}], \"iban\": 1}");

        JsonNode masked = masking.redactInput(input);

        assertThat(masked.at("/customer/email").asText()).isEqualTo(Redactor.MASKED);
        assertThat(masked.at("/customer/name").asText()).isEqualTo("A");
        assertThat(masked.at("/items/0/card").asText()).isEqualTo(Redactor.MASKED);
        assertThat(masked.at("/items/0/sku").asInt()).isEqualTo(1);
        assertThat(masked.at("/items/1/card").asText()).isEqualTo(Redactor.MASKED);
        assertThat(masked.at("/phones/0").asText()).isEqualTo(Redactor.MASKED);
        assertThat(masked.at("/phones/1").asText()).isEqualTo("+1 666");
        assertThat(masked.at("/deep/0/x/iban").asText()).isEqualTo(Redactor.MASKED);
        assertThat(masked.at("/iban").asText()).isEqualTo(Redactor.MASKED);
        assertThat(input.at("/customer/email").asText()).as("the original is untouched").isEqualTo("a@example.org");
    }

    @Test
    @DisplayName("a malformed masked path is refused at configuration time, naming the path")
    void malformedPathIsRefused() {
        assertThatThrownBy(() -> new Redactor(List.of("customer.email")))
                .hasMessageContaining("'customer.email'").hasMessageContaining("must start with '$'");
        assertThatThrownBy(() -> new Redactor(List.of("$.items[x]")))
                .hasMessageContaining("'$.items[x]'");
    }

    @Test
    @DisplayName("a whole record holds the input digest, never a secret from the input, reasons or details")
    void recordHoldsNoSecret() {
        JsonNode input = AuditEvents.json("{\"auth\": {\"header\": \"Bearer " + JWT + "\"},"
                + " \"list\": [[{\"password\": 424242}]], \"doc\": " + AuditEvents.JSON.valueToTree(PEM) + "}");
        AuditEvent event = new AuditEvent("token.refused", "t-1", Instant.EPOCH, "alice", null, "token.exchange",
                null, "refused", List.of("subject token " + JWT + " expired"), List.of(), null, "rev", "127.0.0.1",
                "c-1", input, true, Map.of("client_secret", "s3cr3t-value", "jti", "j-1"));

        ObjectNode body = new AuditRecords(redactor).body(event);

        assertNoSecret(body);
        assertThat(body.get("input_digest").asText()).isEqualTo(AuditRecords.inputDigest(input));
        assertThat(body.at("/details/jti").asText()).isEqualTo("j-1");
    }

    @Test
    @DisplayName("the input digest ignores member order, so a replay of the same input gives the same digest")
    void digestIsCanonical() {
        assertThat(AuditRecords.inputDigest(AuditEvents.json("{\"a\": 1, \"b\": [true, {\"y\": 2, \"x\": 3}]}")))
                .isEqualTo(AuditRecords.inputDigest(AuditEvents.json("{\"b\":[true,{\"x\":3,\"y\":2}],\"a\":1}")))
                .isNotEqualTo(AuditRecords.inputDigest(AuditEvents.json("{\"a\": 2, \"b\": [true, {}]}")));
    }
}
