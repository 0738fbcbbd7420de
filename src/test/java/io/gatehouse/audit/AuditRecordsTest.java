package io.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditRecordsTest {

    /** The digest of a sorted copy of the tree: how input digests were computed before they were streamed. */
    private static String digestOfSortedCopy(JsonNode input) throws Exception {
        byte[] canonical = AuditRecords.JSON.writeValueAsBytes(sortedCopy(input));
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    }

    private static JsonNode sortedCopy(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(field -> sorted.put(field.getKey(), sortedCopy(field.getValue())));
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            sorted.forEach(copy::set);
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(sortedCopy(item)));
            return copy;
        }
        return node;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "members out of order, nested      | {\"b\": {\"z\": 1, \"a\": [3, {\"y\": null, \"x\": true}]}, \"a\": \"é\"}",
        "exact decimals and big integers   | {\"n\": 1.50, \"m\": 123456789012345678901234567890, \"e\": 1e-7}",
        "keys that sort by code unit       | {\"é\": 1, \"Z\": 2, \"a\": 3, \"\": 4, \"\\u0000\": 5}",
        "an empty object                   | {}",
        "escapes in strings                | {\"s\": \"line\\nbreak \\\"quoted\\\" \\u2028\"}",
    })
    @DisplayName("the streamed input digest is the digest of the sorted tree")
    void whenAnInputIsDigestedThenItMatchesTheSortedCopy(String note, String input) throws Exception {
        JsonNode parsed = EXACT.readTree(input);

        assertThat(AuditRecords.inputDigest(parsed)).as(note).isEqualTo(digestOfSortedCopy(parsed));
        assertThat(AuditRecords.inputDigest(parsed)).as("the same digest twice").isEqualTo(digestOfSortedCopy(parsed));
    }

    private final AuditRecords records = new AuditRecords(new Redactor(List.of()));

    /** The line as one tree, serialised: how records were sealed before the writer joined bytes instead. */
    private byte[] sealedAsOneTree(AuditEvent event, long sequence, byte[] previous, String node) throws Exception {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("v", AuditRecords.SCHEMA_VERSION);
        line.put("seq", sequence);
        line.put("prev", previous == null ? null : Hashes.base64(previous));
        line.put("node", node);
        line.setAll(records.body(event));
        return AuditRecords.JSON.writeValueAsBytes(line);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "the first record of a log, no previous hash | 0       | false | node-a",
        "a later record                              | 41      | true  | node-a",
        "a node id that needs escaping               | 7       | true  | n\"o\\de ü \t",
        "a large sequence number                     | 9999999999 | true | gatehouse-0",
    })
    @DisplayName("a sealed line is byte for byte the line that one JSON object of all its members gives")
    void whenABodyIsSealedThenTheBytesAreThoseOfOneObject(String note, long sequence, boolean hasPrevious, String node)
            throws Exception {
        AuditEvent event = AuditEvents.decision("d-" + sequence, true,
                AuditEvents.JSON.createObjectNode().put("operation", "refund.issue").put("note", "é \"quoted\""));
        byte[] previous = hasPrevious ? MerkleTree.leafHash("previous".getBytes(StandardCharsets.UTF_8)) : null;

        byte[] sealed = AuditRecords.seal(records.serializedBody(event), sequence, previous,
                AuditRecords.jsonString(node));

        assertThat(new String(sealed, StandardCharsets.UTF_8)).as(note)
                .isEqualTo(new String(sealedAsOneTree(event, sequence, previous, node), StandardCharsets.UTF_8));
    }

    /** Parses numbers exactly, as the service's request binding does. */
    private static final ObjectMapper EXACT = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "a plain input                         | {\"operation\": \"refund.issue\", \"amount\": 120}",
        "no input at all                       | null",
        "a credential-named member, any type   | {\"password\": {\"a\": 1}, \"api-key\": 7, \"Token\": [\"x\"]}",
        "credential-shaped strings in arrays   | {\"l\": [\"Bearer abcdefghijkl\",\"ok\", [\"ghp_abcdefghijklmnop\"]]}",
        "a credential-shaped key               | {\"" + JWT + "\": \"v\", \"b\": \"keep\"}",
        "a credential-shaped key and its alias | {\"[REDACTED]#0\": \"first\", \"" + JWT + "\": \"v\"}",
        "embedded JSON with a secret           | {\"note\": \"{\\\"password\\\": \\\"x\\\"}\"}",
        "numbers, booleans and nulls           | {\"n\": 1.50, \"m\": 12345678901234567890, \"t\": true, \"z\": null}",
        "deep nesting and escapes              | {\"a\": {\"b\": {\"c\": [{\"d\": \"line\\nbreak \\u2028 é\"}]}}}",
    })
    @DisplayName("the streamed record body is byte for byte the redacted body tree serialised")
    void whenABodyIsStreamedThenTheBytesAreThoseOfTheTree(String note, String input) throws Exception {
        JsonNode parsed = input.equals("null") ? null : EXACT.readTree(input);
        JsonNode obligations = EXACT.readTree("{\"log\": \"Bearer abcdefghijklmnop\", \"secret\": 1, \"k\": [1]}");
        AuditEvent event = new AuditEvent("decision", "d-1", java.time.Instant.parse("2026-12-04T10:15:30.123Z"),
                "user:alice", null, "refund.issue", "token=abcdef", "allow", List.of("ok", "Basic dXNlcjpwYXNzMQ=="),
                List.of("data.p.allow"), obligations, "rev-1", null, "req-1", parsed, true,
                java.util.Map.of("last_failure", "postgres://u:p4ss@db/x", "client_secret", "s"));

        for (AuditRecords withMasks : List.of(records, new AuditRecords(new Redactor(List.of("$..amount"))))) {
            assertThat(new String(withMasks.serializedBody(event), StandardCharsets.UTF_8)).as(note)
                    .isEqualTo(AuditRecords.JSON.writeValueAsString(withMasks.body(event)));
        }
    }
}
