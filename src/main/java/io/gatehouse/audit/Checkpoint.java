package io.gatehouse.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * A signed statement that the log held {@code treeSize} records whose Merkle root is {@code rootHash}.
 *
 * <p>The signature covers {@link #signedText()}: a fixed header line, then origin, tree size, root hash (base64) and
 * time, one per line, each line ending in a newline. Checkpoints are stored one JSON object per line in
 * {@code checkpoints.jsonl}, apart from the segments.
 *
 * @param origin the node that keeps the log
 * @param treeSize the number of records covered
 * @param rootHash the RFC 9162 root hash of those records
 * @param time when the checkpoint was signed
 * @param keyId names the audit key: the first 16 hex digits of the SHA-256 of its SubjectPublicKeyInfo
 * @param signature the Ed25519 signature of {@link #signedText()}
 */
public record Checkpoint(String origin, long treeSize, byte[] rootHash, Instant time, String keyId, byte[] signature) {

    static final String HEADER = "gatehouse-audit-checkpoint/v1";

    public Checkpoint {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(rootHash, "rootHash");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(signature, "signature");
        if (treeSize < 0) {
            throw new IllegalArgumentException("tree size must not be negative, given " + treeSize);
        }
    }

    /** The exact text the signature covers. */
    public String signedText() {
        return signedText(origin, treeSize, rootHash, time);
    }

    static String signedText(String origin, long treeSize, byte[] rootHash, Instant time) {
        return HEADER + "\n" + origin + "\n" + treeSize + "\n" + Hashes.base64(rootHash) + "\n"
                + DateTimeFormatter.ISO_INSTANT.format(time) + "\n";
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("v", 1);
        json.put("origin", origin);
        json.put("tree_size", treeSize);
        json.put("root_hash", Hashes.base64(rootHash));
        json.put("time", DateTimeFormatter.ISO_INSTANT.format(time));
        json.put("key_id", keyId);
        json.put("signature", java.util.Base64.getEncoder().encodeToString(signature));
        return json;
    }

    /** Reads a checkpoint; throws {@link IllegalArgumentException} naming the field that is missing or malformed. */
    public static Checkpoint fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("a checkpoint is a JSON object");
        }
        try {
            return new Checkpoint(
                    text(json, "origin"),
                    Long.parseLong(text(json, "tree_size")),
                    Hashes.decode(text(json, "root_hash")),
                    Instant.parse(text(json, "time")),
                    text(json, "key_id"),
                    java.util.Base64.getDecoder().decode(text(json, "signature")));
        } catch (RuntimeException malformed) {
            throw new IllegalArgumentException("malformed checkpoint: " + malformed.getMessage(), malformed);
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull() || !value.isValueNode()) {
            throw new IllegalArgumentException("field '" + field + "' is missing");
        }
        return value.asText();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint that && treeSize == that.treeSize && origin.equals(that.origin)
                && java.util.Arrays.equals(rootHash, that.rootHash) && time.equals(that.time)
                && keyId.equals(that.keyId) && java.util.Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, treeSize, java.util.Arrays.hashCode(rootHash), time);
    }

    @Override
    public String toString() {
        return "Checkpoint[" + origin + ", size " + treeSize + ", root " + Hashes.base64(rootHash) + ", " + time + "]";
    }
}
