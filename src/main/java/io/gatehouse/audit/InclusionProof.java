package io.gatehouse.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * A record and the proof that it is in the log a signed checkpoint describes.
 *
 * @param entry the record exactly as stored (one JSON line without its newline); its UTF-8 bytes are the leaf
 * @param leafIndex the record's position in the tree, equal to its sequence number
 * @param treeSize the size of the tree the proof is against, equal to the checkpoint's
 * @param hashes the audit path, leaf side first (RFC 9162 section 2.1.3)
 * @param checkpoint the signed checkpoint whose root the path leads to
 */
public record InclusionProof(String entry, long leafIndex, long treeSize, List<byte[]> hashes, Checkpoint checkpoint) {

    public InclusionProof {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(checkpoint, "checkpoint");
        hashes = List.copyOf(hashes);
    }

    /**
     * The proof as {@code GET /v1/audit/proof/{id}} returns it and {@code verify-audit --proof} reads it: the
     * exact {@code entry}, the parsed {@code record} for reading, {@code leaf_index}, {@code tree_size},
     * {@code hashes} (base64) and the signed {@code checkpoint}.
     */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("entry", entry);
        try {
            json.set("record", AuditRecords.JSON.readTree(entry));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("stored records are JSON", impossible);
        }
        json.put("leaf_index", leafIndex);
        json.put("tree_size", treeSize);
        com.fasterxml.jackson.databind.node.ArrayNode path = json.putArray("hashes");
        hashes.forEach(hash -> path.add(Hashes.base64(hash)));
        json.set("checkpoint", checkpoint.toJson());
        return json;
    }
}
