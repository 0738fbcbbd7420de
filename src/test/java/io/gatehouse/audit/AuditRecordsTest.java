package io.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditRecordsTest {

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
}
