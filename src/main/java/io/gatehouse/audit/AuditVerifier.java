package io.gatehouse.audit;

import static io.gatehouse.audit.VerificationReport.Kind;
import static io.gatehouse.audit.VerificationReport.Severity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.audit.VerificationReport.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a log directory against the audit public key, trusting nothing else in the directory.
 *
 * <p>Three independent checks, so that each kind of tampering is named where it happened. The sequence numbers
 * show deleted, reordered and duplicated records. The hash chain ({@code prev} names the leaf hash of the record
 * with the previous sequence number) shows an edited record at the record itself, unless it is the last one. The
 * Merkle roots of the records in file order, compared with every checkpoint whose signature verifies, show edits
 * of the last records, truncation below a checkpoint and anything that rewrote the chain. A final line without its
 * newline, or one that is not JSON, is a torn record from a crash: reported, not counted, and not an error.
 */
public final class AuditVerifier {

    private final Path dir;
    private final PublicKey publicKey;
    private final List<Finding> findings = new ArrayList<>();
    private final List<Entry> entries = new ArrayList<>();
    private final List<SignedCheckpoint> signed = new ArrayList<>();

    private AuditVerifier(Path dir, PublicKey publicKey) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
    }

    /** Verifies the log in {@code dir}. */
    public static VerificationReport verify(Path dir, PublicKey publicKey) throws IOException {
        return verify(dir, publicKey, null, List.of());
    }

    /** Verifies the log in {@code dir} and a proof document as {@code GET /v1/audit/proof/{id}} returns it. */
    public static VerificationReport verify(Path dir, PublicKey publicKey, JsonNode proof) throws IOException {
        return verify(dir, publicKey, proof, List.of());
    }

    /**
     * Verifies the log in {@code dir}, a proof document (or null), and checkpoints kept elsewhere (as
     * {@code GET /v1/audit/checkpoint} returned them). An operator who saves checkpoints outside the log's host
     * detects a log rewritten together with its checkpoint file, which the directory alone cannot show.
     */
    public static VerificationReport verify(Path dir, PublicKey publicKey, JsonNode proof,
            List<JsonNode> savedCheckpoints) throws IOException {
        AuditVerifier verifier = new AuditVerifier(dir, publicKey);
        return verifier.run(Optional.ofNullable(proof), savedCheckpoints);
    }

    private VerificationReport run(Optional<JsonNode> proof, List<JsonNode> savedCheckpoints) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("'" + dir + "' is not a directory");
        }
        readCheckpoints();
        for (int i = 0; i < savedCheckpoints.size(); i++) {
            readSavedCheckpoint(savedCheckpoints.get(i), i + 1);
        }
        List<Path> segments = LogLayout.segmentFiles(dir);
        for (int i = 0; i < segments.size(); i++) {
            readSegment(segments.get(i), i == segments.size() - 1);
        }
        checkSequences();
        checkChain();
        checkAgainstCheckpoints();
        proof.ifPresent(this::checkProof);
        long signedSize = signed.stream().mapToLong(c -> c.checkpoint().treeSize()).max().orElse(0);
        return new VerificationReport(findings, entries.size(), segments.size(), signed.size(), signedSize);
    }

    // ---------------------------------------------------------------- reading

    private void readCheckpoints() throws IOException {
        Path file = LogLayout.checkpoints(dir);
        if (!Files.exists(file)) {
            return;
        }
        List<LogLayout.Line> lines = LogLayout.readLines(file);
        for (LogLayout.Line line : lines) {
            if (!line.complete()) {
                warn(Kind.TORN, LogLayout.CHECKPOINTS, line.number(), -1,
                        "incomplete final checkpoint line (a crash while it was written); ignored");
                continue;
            }
            Checkpoint checkpoint;
            try {
                checkpoint = Checkpoint.fromJson(AuditRecords.JSON.readTree(line.bytes()));
            } catch (IOException | IllegalArgumentException malformed) {
                error(Kind.MALFORMED, LogLayout.CHECKPOINTS, line.number(), -1,
                        "not a checkpoint: " + malformed.getMessage());
                continue;
            }
            if (!AuditKeys.verify(checkpoint, publicKey)) {
                error(Kind.BAD_SIGNATURE, LogLayout.CHECKPOINTS, line.number(), -1, "checkpoint of tree size "
                        + checkpoint.treeSize() + " has a signature that does not verify with the audit public key");
                continue;
            }
            signed.add(new SignedCheckpoint(checkpoint, line.number()));
        }
    }

    private void readSavedCheckpoint(JsonNode json, int number) {
        String where = "saved checkpoint " + number;
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.fromJson(json);
        } catch (IllegalArgumentException malformed) {
            error(Kind.MALFORMED, where, 0, -1, "not a checkpoint: " + malformed.getMessage());
            return;
        }
        if (!AuditKeys.verify(checkpoint, publicKey)) {
            error(Kind.BAD_SIGNATURE, where, 0, -1, "checkpoint of tree size " + checkpoint.treeSize()
                    + " has a signature that does not verify with the audit public key");
            return;
        }
        signed.add(new SignedCheckpoint(checkpoint, 0));
    }

    private void readSegment(Path file, boolean lastSegment) throws IOException {
        String name = dir.relativize(file).toString();
        List<LogLayout.Line> lines = LogLayout.readLines(file);
        for (LogLayout.Line line : lines) {
            boolean finalLine = lastSegment && line.number() == lines.size();
            if (!line.complete()) {
                tornOrMalformed(name, line, finalLine, "incomplete record without its newline");
                continue;
            }
            JsonNode record;
            try {
                record = AuditRecords.JSON.readTree(line.bytes());
            } catch (JsonProcessingException notJson) {
                tornOrMalformed(name, line, finalLine, "not JSON");
                continue;
            }
            Optional<String> problem = schemaProblem(record);
            if (problem.isPresent()) {
                error(Kind.MALFORMED, name, line.number(), -1, problem.get());
                continue;
            }
            entries.add(new Entry(name, line.number(), record.get("seq").asLong(), record.get("prev").textValue(),
                    MerkleTree.leafHash(line.bytes())));
        }
    }

    private void tornOrMalformed(String name, LogLayout.Line line, boolean finalLine, String what) {
        if (finalLine) {
            warn(Kind.TORN, name, line.number(), -1, "torn final record (" + what + ", " + line.bytes().length
                    + " bytes): a crash while it was written; the log is accepted up to the record before it");
        } else {
            error(Kind.MALFORMED, name, line.number(), -1, what + " inside the log");
        }
    }

    private static Optional<String> schemaProblem(JsonNode record) {
        if (!record.isObject()) {
            return Optional.of("a record is a JSON object");
        }
        if (record.path("v").asInt(-1) != AuditRecords.SCHEMA_VERSION) {
            return Optional.of("unknown schema version '" + record.path("v") + "', expected "
                    + AuditRecords.SCHEMA_VERSION);
        }
        if (!record.path("seq").canConvertToLong() || record.path("seq").asLong() < 0) {
            return Optional.of("field 'seq' is missing or not a sequence number");
        }
        JsonNode prev = record.get("prev");
        if (prev == null || !(prev.isNull() || prev.isTextual())) {
            return Optional.of("field 'prev' is missing");
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- checks

    private void checkSequences() {
        Map<Long, Entry> seen = new HashMap<>();
        long highest = -1;
        Entry previous = null;
        for (Entry entry : entries) {
            Entry earlier = seen.putIfAbsent(entry.sequence(), entry);
            if (earlier != null) {
                error(Kind.DUPLICATED, entry, "sequence " + entry.sequence() + " appears again (first at "
                        + earlier.file() + ":" + earlier.line() + ")");
            } else if (previous != null && entry.sequence() < previous.sequence()) {
                error(Kind.REORDERED, entry, "record seq " + entry.sequence() + " appears after seq "
                        + previous.sequence() + " (" + previous.file() + ":" + previous.line() + ")");
            }
            highest = Math.max(highest, entry.sequence());
            previous = entry;
        }
        reportGaps(seen, highest);
    }

    private void reportGaps(Map<Long, Entry> seen, long highest) {
        long sequence = 0;
        while (sequence <= highest) {
            if (seen.containsKey(sequence)) {
                sequence++;
                continue;
            }
            long first = sequence;
            while (!seen.containsKey(sequence)) {
                sequence++;
            }
            Entry after = seen.get(sequence);
            String range = first == sequence - 1 ? "record seq " + first : "records seq " + first + ".." + (sequence - 1);
            error(Kind.DELETED, after, range + " " + (first == sequence - 1 ? "is" : "are")
                    + " missing before this record");
        }
    }

    private void checkChain() {
        Map<Long, Entry> bySequence = new HashMap<>();
        entries.forEach(entry -> bySequence.putIfAbsent(entry.sequence(), entry));
        for (Entry entry : entries) {
            if (entry.sequence() == 0) {
                if (entry.prev() != null) {
                    error(Kind.EDITED, entry, "the first record names a predecessor");
                }
                continue;
            }
            Entry predecessor = bySequence.get(entry.sequence() - 1);
            if (predecessor == null) {
                continue;
            }
            if (entry.prev() == null || !entry.prev().equals(Hashes.base64(predecessor.leafHash()))) {
                error(Kind.EDITED, predecessor, "record was altered: its hash does not match the one its successor"
                        + " seq " + entry.sequence() + " (" + entry.file() + ":" + entry.line() + ") recorded");
            }
        }
    }

    private void checkAgainstCheckpoints() {
        if (signed.isEmpty()) {
            warn(Kind.NO_CHECKPOINT, LogLayout.CHECKPOINTS, 0, -1,
                    "no checkpoint verifies; the records are only hash-linked, so a rewritten log cannot be told");
            return;
        }
        MerkleTree tree = new MerkleTree();
        entries.forEach(entry -> tree.appendLeafHash(entry.leafHash()));
        List<SignedCheckpoint> bySize = new ArrayList<>(signed);
        bySize.sort((a, b) -> Long.compare(a.checkpoint().treeSize(), b.checkpoint().treeSize()));
        for (SignedCheckpoint checkpoint : bySize) {
            long size = checkpoint.checkpoint().treeSize();
            if (size > tree.size()) {
                reportTruncation(checkpoint, tree.size());
                return;
            }
            if (size > 0 && !Arrays.equals(tree.rootHash(size), checkpoint.checkpoint().rootHash())) {
                error(Kind.CHECKPOINT_MISMATCH, entries.get((int) size - 1), "the first " + size + " records do not"
                        + " hash to the root signed at " + checkpoint.where()
                        + "; a record up to here was altered, removed or moved");
                return;
            }
        }
        long newest = bySize.get(bySize.size() - 1).checkpoint().treeSize();
        if (tree.size() > newest) {
            warn(Kind.UNSIGNED_TAIL, entries.get((int) newest).file(), entries.get((int) newest).line(), newest,
                    (tree.size() - newest) + " records after the newest checkpoint are hash-linked but not yet signed");
        }
    }

    private void reportTruncation(SignedCheckpoint checkpoint, long present) {
        long size = checkpoint.checkpoint().treeSize();
        String message = "the log holds " + present + " records but the checkpoint at " + checkpoint.where()
                + " covers " + size + ": records from seq " + present + " on were cut off";
        if (entries.isEmpty()) {
            error(Kind.TRUNCATED, "segments", 0, 0, message);
        } else {
            Entry last = entries.get(entries.size() - 1);
            error(Kind.TRUNCATED, last.file(), last.line(), last.sequence(), message);
        }
    }

    private void checkProof(JsonNode proof) {
        String where = "proof";
        ProofDocument document;
        try {
            document = ProofDocument.parse(proof);
        } catch (IllegalArgumentException malformed) {
            error(Kind.MALFORMED, where, 0, -1, "not a proof: " + malformed.getMessage());
            return;
        }
        byte[] leaf = MerkleTree.leafHash(document.entry().getBytes(StandardCharsets.UTF_8));
        byte[] root = MerkleTree.rootFromInclusionProof(document.leafIndex(), document.treeSize(), leaf,
                document.hashes());
        if (root == null) {
            error(Kind.INVALID_PROOF, where, 0, document.leafIndex(), "the audit path does not fit leaf index "
                    + document.leafIndex() + " in a tree of " + document.treeSize());
            return;
        }
        boolean signedRoot = document.checkpoint().filter(c -> AuditKeys.verify(c, publicKey))
                .filter(c -> c.treeSize() == document.treeSize() && Arrays.equals(c.rootHash(), root))
                .isPresent()
                || signed.stream().map(SignedCheckpoint::checkpoint)
                .anyMatch(c -> c.treeSize() == document.treeSize() && Arrays.equals(c.rootHash(), root));
        if (!signedRoot) {
            error(Kind.UNSIGNED_ROOT, where, 0, document.leafIndex(), "the proof leads to root "
                    + Hashes.base64(root) + " of tree size " + document.treeSize()
                    + ", which no checkpoint signed by the audit key covers");
        }
    }

    // ---------------------------------------------------------------- helpers

    private void error(Kind kind, Entry entry, String message) {
        error(kind, entry.file(), entry.line(), entry.sequence(), message);
    }

    private void error(Kind kind, String file, long line, long sequence, String message) {
        findings.add(new Finding(kind, Severity.ERROR, file, line, sequence, message));
    }

    private void warn(Kind kind, String file, long line, long sequence, String message) {
        findings.add(new Finding(kind, Severity.WARNING, file, line, sequence, message));
    }

    private record Entry(String file, long line, long sequence, String prev, byte[] leafHash) {
    }

    /** A checkpoint whose signature verified; line 0 means it came from outside the directory. */
    private record SignedCheckpoint(Checkpoint checkpoint, long line) {
        String where() {
            return line == 0 ? "a saved checkpoint" : LogLayout.CHECKPOINTS + ":" + line;
        }
    }

    /** A proof document as the proof endpoint writes it. */
    record ProofDocument(String entry, long leafIndex, long treeSize, List<byte[]> hashes,
            Optional<Checkpoint> checkpoint) {

        static ProofDocument parse(JsonNode json) {
            if (json == null || !json.isObject()) {
                throw new IllegalArgumentException("a proof is a JSON object");
            }
            JsonNode entry = json.get("entry");
            JsonNode hashes = json.get("hashes");
            if (entry == null || !entry.isTextual()) {
                throw new IllegalArgumentException("field 'entry' (the record line) is missing");
            }
            if (hashes == null || !hashes.isArray()) {
                throw new IllegalArgumentException("field 'hashes' is missing");
            }
            if (!json.path("leaf_index").canConvertToLong() || !json.path("tree_size").canConvertToLong()) {
                throw new IllegalArgumentException("fields 'leaf_index' and 'tree_size' must be integers");
            }
            List<byte[]> path = new ArrayList<>();
            hashes.forEach(hash -> path.add(Hashes.decode(hash.asText())));
            Optional<Checkpoint> checkpoint = json.hasNonNull("checkpoint")
                    ? Optional.of(Checkpoint.fromJson(json.get("checkpoint"))) : Optional.empty();
            return new ProofDocument(entry.textValue(), json.get("leaf_index").asLong(),
                    json.get("tree_size").asLong(), path, checkpoint);
        }
    }
}
