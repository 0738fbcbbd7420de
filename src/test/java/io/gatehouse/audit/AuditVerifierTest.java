package io.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.audit.VerificationReport.Finding;
import io.gatehouse.audit.VerificationReport.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of tampering is its own test: the verifier must name it, and where it happened. */
class AuditVerifierTest {

    private static final String SEGMENT = "segments/audit-00000000000000000000.jsonl";

    @TempDir
    Path dir;

    private PublicKey publicKey;
    private InclusionProof proof;

    @BeforeEach
    void writeLogOfTwentyRecordsWithCheckpointsAtTenAndTwenty() throws Exception {
        AuditLogOptions options = AuditLogOptions.defaults(dir).withNode("node-a")
                .withCheckpoints(Duration.ofHours(1), 1_000_000);
        try (AuditLog log = AuditLog.open(options)) {
            for (int i = 0; i < 20; i++) {
                log.record(AuditEvents.decision("d-" + i, true));
                if (i == 9) {
                    log.checkpointNow();
                }
            }
            log.checkpointNow();
            proof = log.inclusionProof("d-7").orElseThrow();
        }
        publicKey = AuditKeys.readPublicKey(AuditKeys.publicKeyFile(options.keyFile()));
    }

    private VerificationReport verify() throws Exception {
        return AuditVerifier.verify(dir, publicKey);
    }

    private List<String> lines(String file) throws Exception {
        return new ArrayList<>(Files.readAllLines(dir.resolve(file)));
    }

    private void write(String file, List<String> lines) throws Exception {
        Files.write(dir.resolve(file), (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static Finding only(VerificationReport report, Kind kind) {
        List<Finding> found = report.findings().stream().filter(f -> f.kind() == kind).toList();
        assertThat(found).as("findings of kind %s in %s", kind, report.findings()).hasSize(1);
        return found.get(0);
    }

    @Test
    @DisplayName("an untouched log is accepted with no finding at all")
    void untouchedLogIsAccepted() throws Exception {
        VerificationReport report = verify();

        assertThat(report.findings()).isEmpty();
        assertThat(report.accepted()).isTrue();
        assertThat(report.records()).isEqualTo(20);
        assertThat(report.signedCheckpoints()).isEqualTo(2);
        assertThat(report.signedSize()).isEqualTo(20);
    }

    @Test
    @DisplayName("an edited record is reported at its own segment line and sequence")
    void editedRecordIsReportedWhereItIs() throws Exception {
        List<String> lines = lines(SEGMENT);
        lines.set(4, lines.get(4).replace("\"outcome\":\"allow\"", "\"outcome\":\"deny\""));
        write(SEGMENT, lines);

        VerificationReport report = verify();

        assertThat(report.accepted()).isFalse();
        Finding edited = only(report, Kind.EDITED);
        assertThat(edited.file()).isEqualTo(SEGMENT);
        assertThat(edited.line()).isEqualTo(5);
        assertThat(edited.sequence()).isEqualTo(4);
    }

    @Test
    @DisplayName("an edit of the newest record, which has no successor, is caught by the checkpoint root")
    void editedLastRecordIsCaughtByTheCheckpoint() throws Exception {
        List<String> lines = lines(SEGMENT);
        lines.set(19, lines.get(19).replace("\"principal\":\"spiffe://example.org/ns/payments/sa/refunder\"",
                "\"principal\":\"spiffe://example.org/ns/payments/sa/someone-else\""));
        write(SEGMENT, lines);

        Finding mismatch = only(verify(), Kind.CHECKPOINT_MISMATCH);

        assertThat(mismatch.line()).isEqualTo(20);
        assertThat(mismatch.sequence()).isEqualTo(19);
    }

    @Test
    @DisplayName("a deleted record is reported as the missing sequence, at the record after the gap")
    void deletedRecordIsReported() throws Exception {
        List<String> lines = lines(SEGMENT);
        lines.remove(6);
        write(SEGMENT, lines);

        VerificationReport report = verify();

        Finding deleted = only(report, Kind.DELETED);
        assertThat(deleted.message()).contains("record seq 6 is missing");
        assertThat(deleted.line()).isEqualTo(7);
        assertThat(deleted.sequence()).isEqualTo(7);
        assertThat(report.has(Kind.EDITED)).as("a gap is not mistaken for an edit").isFalse();
    }

    @Test
    @DisplayName("two swapped records are reported as reordered, not as deleted or edited")
    void reorderedRecordsAreReported() throws Exception {
        List<String> lines = lines(SEGMENT);
        Collections.swap(lines, 11, 12);
        write(SEGMENT, lines);

        VerificationReport report = verify();

        Finding reordered = only(report, Kind.REORDERED);
        assertThat(reordered.line()).isEqualTo(13);
        assertThat(reordered.sequence()).isEqualTo(11);
        assertThat(report.has(Kind.DELETED)).isFalse();
        assertThat(report.has(Kind.EDITED)).isFalse();
        assertThat(report.has(Kind.CHECKPOINT_MISMATCH)).as("the root over file order changes").isTrue();
    }

    @Test
    @DisplayName("cutting records off the tail below the newest checkpoint is reported as truncation")
    void truncatedTailIsReported() throws Exception {
        List<String> lines = lines(SEGMENT);
        write(SEGMENT, lines.subList(0, 17));

        VerificationReport report = verify();

        Finding truncated = only(report, Kind.TRUNCATED);
        assertThat(truncated.message()).contains("holds 17 records").contains("covers 20");
        assertThat(truncated.line()).isEqualTo(17);
        assertThat(report.accepted()).isFalse();
    }

    @Test
    @DisplayName("a checkpoint with a bad signature is reported at its line and is not trusted")
    void badCheckpointSignatureIsReported() throws Exception {
        List<String> checkpoints = lines("checkpoints.jsonl");
        ObjectNode second = (ObjectNode) AuditEvents.json(checkpoints.get(1));
        byte[] signature = Base64.getDecoder().decode(second.get("signature").asText());
        signature[5] ^= 1;
        second.put("signature", Base64.getEncoder().encodeToString(signature));
        checkpoints.set(1, second.toString());
        write("checkpoints.jsonl", checkpoints);

        VerificationReport report = verify();

        Finding bad = only(report, Kind.BAD_SIGNATURE);
        assertThat(bad.file()).isEqualTo("checkpoints.jsonl");
        assertThat(bad.line()).isEqualTo(2);
        assertThat(report.signedSize()).as("only the checkpoint at 10 still counts").isEqualTo(10);
    }

    @Test
    @DisplayName("a checkpoint re-signed by another key (a forged root) is a bad signature")
    void checkpointSignedByAnotherKeyIsReported() throws Exception {
        AuditKeys other = AuditKeys.loadOrGenerate(dir.resolveSibling(dir.getFileName() + "-other.pem"));
        Checkpoint forged = other.sign("node-a", 20, MerkleTree.leafHash(new byte[] {42}), java.time.Instant.now());
        Files.writeString(dir.resolve("checkpoints.jsonl"), forged.toJson() + "\n", StandardOpenOption.APPEND);

        Finding bad = only(verify(), Kind.BAD_SIGNATURE);

        assertThat(bad.line()).isEqualTo(3);
    }

    @Test
    @DisplayName("a genuine inclusion proof is accepted together with the log")
    void genuineProofIsAccepted() throws Exception {
        VerificationReport report = AuditVerifier.verify(dir, publicKey, proof.toJson());

        assertThat(report.findings()).isEmpty();
    }

    @Test
    @DisplayName("a proof for a forged record against a root no checkpoint signed is an unsigned root")
    void proofAgainstUnsignedRootIsReported() throws Exception {
        String forgedEntry = proof.entry().replace("\"outcome\":\"allow\"", "\"outcome\":\"deny\"");
        MerkleTree forgedTree = new MerkleTree();
        List<String> lines = lines(SEGMENT);
        for (int i = 0; i < 20; i++) {
            String line = i == 7 ? forgedEntry : lines.get(i);
            forgedTree.appendLeafHash(MerkleTree.leafHash(line.getBytes(StandardCharsets.UTF_8)));
        }
        ObjectNode forged = proof.toJson();
        forged.put("entry", forgedEntry);
        forged.putArray("hashes");
        forgedTree.inclusionProof(7, 20).forEach(hash -> forged.withArray("/hashes").add(Hashes.base64(hash)));
        ((ObjectNode) forged.get("checkpoint")).put("root_hash", Hashes.base64(forgedTree.rootHash(20)));

        Finding unsigned = only(AuditVerifier.verify(dir, publicKey, forged), Kind.UNSIGNED_ROOT);

        assertThat(unsigned.sequence()).isEqualTo(7);
        assertThat(unsigned.message()).contains("no checkpoint signed by the audit key");
    }

    @Test
    @DisplayName("a log cut short together with its checkpoint file is caught by a checkpoint saved elsewhere")
    void truncationWithDeletedCheckpointsIsCaughtBySavedCheckpoint() throws Exception {
        JsonNode saved = AuditEvents.json(lines("checkpoints.jsonl").get(1));
        write(SEGMENT, lines(SEGMENT).subList(0, 15));
        Files.delete(dir.resolve("checkpoints.jsonl"));

        VerificationReport withoutSaved = verify();
        VerificationReport withSaved = AuditVerifier.verify(dir, publicKey, null, List.of(saved));

        assertThat(withoutSaved.accepted()).as("the directory alone cannot tell").isTrue();
        assertThat(withoutSaved.has(Kind.NO_CHECKPOINT)).isTrue();
        assertThat(only(withSaved, Kind.TRUNCATED).message()).contains("a saved checkpoint").contains("covers 20");
    }

    @Test
    @DisplayName("a torn final record is reported as a warning and the log is accepted up to the record before it")
    void tornFinalRecordIsReportedNotKept() throws Exception {
        String half = lines(SEGMENT).get(3).substring(0, 40);
        Files.writeString(dir.resolve(SEGMENT), half, StandardOpenOption.APPEND);

        VerificationReport report = verify();

        Finding torn = only(report, Kind.TORN);
        assertThat(torn.line()).isEqualTo(21);
        assertThat(report.accepted()).isTrue();
        assertThat(report.records()).isEqualTo(20);
    }

    @Test
    @DisplayName("a deleted segment file shows as the records it held missing")
    void deletedSegmentIsReported() throws Exception {
        Path other = dir.resolveSibling(dir.getFileName() + "-rotated");
        AuditLogOptions options = AuditLogOptions.defaults(other).withSegmentMaxBytes(2048)
                .withCheckpoints(Duration.ofHours(1), 1_000_000);
        try (AuditLog log = AuditLog.open(options)) {
            for (int i = 0; i < 30; i++) {
                log.record(AuditEvents.decision("r-" + i, true));
            }
        }
        List<Path> segments = LogLayout.segmentFiles(other);
        Files.delete(segments.get(1));
        PublicKey key = AuditKeys.readPublicKey(AuditKeys.publicKeyFile(options.keyFile()));

        VerificationReport report = AuditVerifier.verify(other, key);

        Finding deleted = only(report, Kind.DELETED);
        assertThat(deleted.file()).isEqualTo(other.relativize(segments.get(2)).toString());
        assertThat(deleted.line()).isEqualTo(1);
    }
}
