package io.gatehouse.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The record format of the audit log, version {@value #SCHEMA_VERSION}: one JSON object per line.
 *
 * <p>The caller's thread builds the body ({@link #body}: the event with its input digested and redacted); the
 * writer thread seals it ({@link #seal}) by putting the schema version, sequence number, previous leaf hash and node
 * id in front. The sealed line's UTF-8 bytes, without the newline, are the Merkle leaf.
 */
public final class AuditRecords {

    public static final int SCHEMA_VERSION = 1;

    static final ObjectMapper JSON = new ObjectMapper();

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    });

    private final Redactor redactor;

    public AuditRecords(Redactor redactor) {
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    /** The event as a record body, with no secret in it: the input only as a digest and a redacted copy. */
    public ObjectNode body(AuditEvent event) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("type", event.type());
        body.put("id", event.id());
        body.put("time", DateTimeFormatter.ISO_INSTANT.format(event.time()));
        body.put("principal", event.principal());
        body.put("actor", event.actor());
        body.put("operation", event.operation());
        body.put("resource", event.resource());
        body.put("outcome", event.outcome());
        body.set("reasons", strings(event.reasons()));
        body.set("rules", strings(event.rules()));
        body.set("obligations", event.obligations());
        body.put("revision", event.revision());
        body.put("caller_address", event.callerAddress());
        body.put("correlation_id", event.correlationId());
        body.put("privileged", event.privileged());
        body.set("details", details(event.details()));
        // invariant: every field above passes the credential net; the input is masked by path first
        ObjectNode safe = (ObjectNode) Redactor.redactCredentials(body);
        safe.put("input_digest", event.input() == null ? null : inputDigest(event.input()));
        safe.set("input", redactor.redactInput(event.input()));
        return safe;
    }

    /**
     * The record body serialised, as {@link #seal} takes it: the caller's thread pays for it, not the writer's. The
     * bytes are those of {@link #body} serialised (AuditRecordsTest compares the two).
     *
     * <p>Performance: written straight to the generator, redacting on the way, instead of building the body tree
     * and its redacted copy; the two trees were the largest share of what an audited decision allocated.
     */
    public byte[] serializedBody(AuditEvent event) {
        // before the body's generator: a generator opened inside another gets no recycled buffers (16 kB each time)
        String inputDigest = event.input() == null ? null : inputDigest(event.input());
        ByteArrayOutputStream bytes = bodyBuffer();
        try (JsonGenerator out = JSON.getFactory().createGenerator(bytes)) {
            out.writeStartObject();
            writeString(out, "type", event.type());
            writeString(out, "id", event.id());
            writeString(out, "time", DateTimeFormatter.ISO_INSTANT.format(event.time()));
            writeString(out, "principal", event.principal());
            writeString(out, "actor", event.actor());
            writeString(out, "operation", event.operation());
            writeString(out, "resource", event.resource());
            writeString(out, "outcome", event.outcome());
            writeStrings(out, "reasons", event.reasons());
            writeStrings(out, "rules", event.rules());
            out.writeFieldName("obligations");
            Redactor.writeRedacted(out, event.obligations());
            writeString(out, "revision", event.revision());
            writeString(out, "caller_address", event.callerAddress());
            writeString(out, "correlation_id", event.correlationId());
            out.writeBooleanField("privileged", event.privileged());
            out.writeFieldName("details");
            Redactor.writeRedacted(out, event.details().isEmpty() ? EMPTY_DETAILS : details(event.details()));
            // invariant: every member above passed the credential net; the input is masked by path first
            out.writeStringField("input_digest", inputDigest);
            out.writeFieldName("input");
            redactor.writeRedactedInput(out, event.input());
            out.writeEndObject();
        } catch (IOException impossible) {
            throw new IllegalStateException("writing to a byte array", impossible);
        }
        return bytes.toByteArray();
    }

    // Performance: one buffer per thread, so a body costs one array of its exact size and no growing copies
    private static final ThreadLocal<ByteArrayOutputStream> BODY_BUFFER =
            ThreadLocal.withInitial(() -> new ByteArrayOutputStream(2048));
    private static final int BODY_BUFFER_KEPT = 64 * 1024;

    private static ByteArrayOutputStream bodyBuffer() {
        ByteArrayOutputStream buffer = BODY_BUFFER.get();
        if (buffer.size() > BODY_BUFFER_KEPT) {
            buffer = new ByteArrayOutputStream(2048);
            BODY_BUFFER.set(buffer);
        }
        buffer.reset();
        return buffer;
    }

    private static final ObjectNode EMPTY_DETAILS = JsonNodeFactory.instance.objectNode();

    private static void writeString(JsonGenerator out, String name, String value) throws IOException {
        out.writeStringField(name, Redactor.redactString(value));
    }

    private static void writeStrings(JsonGenerator out, String name, List<String> values) throws IOException {
        out.writeArrayFieldStart(name);
        for (String value : values) {
            out.writeString(Redactor.redactString(value));
        }
        out.writeEndArray();
    }

    /** A string as a JSON string literal, for the node id that {@link #seal} puts in every line. */
    static byte[] jsonString(String text) {
        return json(JsonNodeFactory.instance.textNode(text));
    }

    /**
     * The sealed line (without newline): version, sequence, previous leaf hash and node, then the members of the
     * serialised body. The bytes are those of one JSON object holding all of them, as Jackson writes it compactly.
     *
     * <p>Performance: the single writer thread seals every record, so it only joins bytes here; building one tree per
     * line and serialising it took most of that thread's time.
     *
     * @param body a serialised JSON object with at least one member, from {@link #serializedBody}
     * @param nodeJson the node id as a JSON string literal, from {@link #jsonString}
     */
    static byte[] seal(byte[] body, long sequence, byte[] previousLeafHash, byte[] nodeJson) {
        ByteArrayOutputStream line = new ByteArrayOutputStream(body.length + 128);
        sealInto(line, body, sequence, previousLeafHash, nodeJson);
        return line.toByteArray();
    }

    /** As {@link #seal}, appending the line to {@code out}: the writer gathers a whole batch in one buffer. */
    static void sealInto(ByteArrayOutputStream out, byte[] body, long sequence, byte[] previousLeafHash,
            byte[] nodeJson) {
        out.write(SEAL_VERSION, 0, SEAL_VERSION.length);
        writeAscii(out, Long.toString(sequence));
        out.write(SEAL_PREV, 0, SEAL_PREV.length);
        if (previousLeafHash == null) {
            out.write(NULL, 0, NULL.length);
        } else {
            out.write('"');
            byte[] base64 = Base64.getEncoder().encode(previousLeafHash);
            out.write(base64, 0, base64.length);
            out.write('"');
        }
        out.write(SEAL_NODE, 0, SEAL_NODE.length);
        out.write(nodeJson, 0, nodeJson.length);
        out.write(',');
        // invariant: body starts with '{' and holds a member, so what follows its brace continues the object
        out.write(body, 1, body.length - 1);
    }

    private static final byte[] SEAL_VERSION =
            ("{\"v\":" + SCHEMA_VERSION + ",\"seq\":").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEAL_PREV = ",\"prev\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEAL_NODE = ",\"node\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private static void writeAscii(ByteArrayOutputStream out, String text) {
        for (int index = 0; index < text.length(); index++) {
            out.write(text.charAt(index));
        }
    }

    private static byte[] json(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            throw new IllegalStateException("a JSON tree always serialises", impossible);
        }
    }

    /**
     * {@code sha256:<hex>} of the input in canonical form: members sorted by key, no insignificant whitespace,
     * strings and numbers as Jackson writes them. Replaying a decision with the same input gives the same digest.
     */
    public static String inputDigest(JsonNode input) {
        MessageDigest sha256 = SHA256.get();
        sha256.reset();
        try (JsonGenerator out = JSON.getFactory().createGenerator(
                new DigestOutputStream(OutputStream.nullOutputStream(), sha256))) {
            writeCanonical(out, input);
        } catch (IOException impossible) {
            throw new IllegalStateException("digest of a JSON tree", impossible);
        }
        return "sha256:" + HexFormat.of().formatHex(sha256.digest());
    }

    // Performance: streams the canonical form into the digest; a sorted copy of the tree cost a map per object
    private static void writeCanonical(JsonGenerator out, JsonNode node) throws IOException {
        if (node.isObject()) {
            String[] names = new String[node.size()];
            Iterator<String> fieldNames = node.fieldNames();
            for (int index = 0; fieldNames.hasNext(); index++) {
                names[index] = fieldNames.next();
            }
            Arrays.sort(names);
            out.writeStartObject();
            for (String name : names) {
                out.writeFieldName(name);
                writeCanonical(out, node.get(name));
            }
            out.writeEndObject();
        } else if (node.isArray()) {
            out.writeStartArray();
            for (JsonNode item : node) {
                writeCanonical(out, item);
            }
            out.writeEndArray();
        } else if (node.isTextual()) {
            // what TextNode.serialize writes; writeTree would set up a serializer provider for every leaf
            out.writeString(node.textValue());
        } else {
            JSON.writeTree(out, node);
        }
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        new ArrayList<>(values).forEach(array::add);
        return array;
    }

    private static ObjectNode details(Map<String, String> details) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        new TreeMap<>(details).forEach(object::put);
        return object;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
