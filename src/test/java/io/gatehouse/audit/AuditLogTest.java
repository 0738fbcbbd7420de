package io.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    @TempDir
    Path dir;

    private AuditLogOptions options() {
        return AuditLogOptions.defaults(dir).withNode("node-a");
    }

    private static List<JsonNode> records(Path dir) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (Path segment : LogLayout.segmentFiles(dir)) {
            for (String line : Files.readAllLines(segment)) {
                records.add(AuditEvents.json(line));
            }
        }
        return records;
    }

    @Test
    @DisplayName("a privileged record is in its segment file, versioned and sequenced, when record returns")
    void whenPrivilegedRecordReturnsThenItIsInTheSegment() throws Exception {
        try (AuditLog log = AuditLog.open(options())) {
            log.record(AuditEvents.decision("d-1", true));

            List<JsonNode> records = records(dir);
            assertThat(records).hasSize(1);
            JsonNode record = records.get(0);
            assertThat(record.get("v").asInt()).isEqualTo(AuditRecords.SCHEMA_VERSION);
            assertThat(record.get("seq").asLong()).isZero();
            assertThat(record.get("prev").isNull()).isTrue();
            assertThat(record.get("node").asText()).isEqualTo("node-a");
            assertThat(record.get("id").asText()).isEqualTo("d-1");
            assertThat(record.get("correlation_id").asText()).isEqualTo("req-d-1");
            assertThat(record.get("input_digest").asText()).startsWith("sha256:");
            assertThat(record.get("input").get("amount").asInt()).isEqualTo(120);
        }
    }

    @Test
    @DisplayName("concurrent privileged callers share fsyncs and every acknowledged record gets one sequence")
    void whenManyCallersRecordThenEachAcknowledgedRecordIsStoredOnce() throws Exception {
        int[] batches = new int[1];
        AuditLogListener countBatches = new AuditLogListener() {
            @Override
            public void appended(int records, long fsyncNanos) {
                batches[0]++;
            }
        };
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (AuditLog log = AuditLog.open(options().withListener(countBatches))) {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        String id = "t" + thread + "-" + i;
                        log.record(AuditEvents.decision(id, true));
                        acknowledged.add(id);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            pool.shutdown();
        }
        List<JsonNode> records = records(dir);
        assertThat(records).hasSize(640);
        for (int i = 0; i < records.size(); i++) {
            assertThat(records.get(i).get("seq").asLong()).isEqualTo(i);
        }
        assertThat(records.stream().map(r -> r.get("id").asText())).containsExactlyInAnyOrderElementsOf(acknowledged);
        assertThat(batches[0]).as("fsync batches for 640 records").isLessThan(640);
    }

    @Test
    @DisplayName("segments rotate by size and the hash chain runs on across them and across a reopen")
    void whenSegmentsRotateThenTheChainContinues() throws Exception {
        AuditLogOptions small = options().withSegmentMaxBytes(2048);
        try (AuditLog log = AuditLog.open(small)) {
            for (int i = 0; i < 20; i++) {
                log.record(AuditEvents.decision("a-" + i, true));
            }
        }
        try (AuditLog log = AuditLog.open(small)) {
            assertThat(log.treeSize()).isEqualTo(20);
            for (int i = 0; i < 20; i++) {
                log.record(AuditEvents.decision("b-" + i, true));
            }
        }
        assertThat(LogLayout.segmentFiles(dir)).hasSizeGreaterThan(3);
        List<JsonNode> records = records(dir);
        assertThat(records).hasSize(40);
        byte[] previous = null;
        for (Path segment : LogLayout.segmentFiles(dir)) {
            long firstSequence = Long.parseLong(segment.getFileName().toString().substring(6, 26));
            List<String> lines = Files.readAllLines(segment);
            assertThat(AuditEvents.json(lines.get(0)).get("seq").asLong()).isEqualTo(firstSequence);
            for (String line : lines) {
                JsonNode record = AuditEvents.json(line);
                String expected = previous == null ? null : Hashes.base64(previous);
                assertThat(record.get("prev").textValue()).isEqualTo(expected);
                previous = ReferenceMerkle.sha(concat(new byte[] {0}, line.getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    @Test
    @DisplayName("an inclusion proof for a decision id verifies, by independent code, against a signed checkpoint")
    void whenProofIsAskedThenItVerifiesAgainstASignedRoot() throws Exception {
        try (AuditLog log = AuditLog.open(options())) {
            for (int i = 0; i < 13; i++) {
                log.record(AuditEvents.decision("p-" + i, i % 2 == 0));
            }
            InclusionProof proof = log.inclusionProof("p-6").orElseThrow();

            assertThat(proof.leafIndex()).isEqualTo(6);
            assertThat(AuditEvents.json(proof.entry()).get("id").asText()).isEqualTo("p-6");
            Checkpoint checkpoint = proof.checkpoint();
            assertThat(AuditKeys.verify(checkpoint, AuditKeys.readPublicKey(
                    AuditKeys.publicKeyFile(options().keyFile())))).isTrue();
            byte[] root = ReferenceMerkle.rootFromPath((int) proof.leafIndex(), (int) proof.treeSize(),
                    proof.entry().getBytes(StandardCharsets.UTF_8), proof.hashes());
            assertThat(root).isEqualTo(checkpoint.rootHash());
            assertThat(log.inclusionProof("no-such-decision")).isEmpty();
        }
    }

    @Test
    @DisplayName("a consistency proof between two checkpoints verifies; sizes beyond the newest checkpoint fail")
    void whenConsistencyIsAskedThenItVerifies() throws Exception {
        try (AuditLog log = AuditLog.open(options())) {
            for (int i = 0; i < 5; i++) {
                log.record(AuditEvents.decision("c-" + i, true));
            }
            Checkpoint older = log.checkpointNow();
            for (int i = 5; i < 12; i++) {
                log.record(AuditEvents.decision("c-" + i, true));
            }
            Checkpoint newer = log.checkpointNow();

            ConsistencyProof proof = log.consistencyProof(older.treeSize(), newer.treeSize());
            assertThat(proof.fromCheckpoint()).isEqualTo(older);
            assertThat(proof.toCheckpoint()).isEqualTo(newer);
            assertThat(MerkleTree.verifyConsistency(5, 12, older.rootHash(), newer.rootHash(), proof.hashes()))
                    .isTrue();
            assertThatThrownBy(() -> log.consistencyProof(5, 13)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("newest checkpoint");
        }
    }

    @Test
    @DisplayName("checkpoints are signed after the configured count of records and stored outside the segments")
    void whenCountIsReachedThenACheckpointIsSigned() throws Exception {
        try (AuditLog log = AuditLog.open(options().withCheckpoints(Duration.ofHours(1), 10))) {
            for (int i = 0; i < 25; i++) {
                log.record(AuditEvents.decision("k-" + i, true));
            }
            assertThat(log.latestCheckpoint()).isPresent();
            assertThat(log.latestCheckpoint().get().treeSize()).isGreaterThanOrEqualTo(10);
        }
        List<String> lines = Files.readAllLines(dir.resolve("checkpoints.jsonl"));
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            Checkpoint checkpoint = Checkpoint.fromJson(AuditEvents.json(line));
            assertThat(AuditKeys.verify(checkpoint, AuditKeys.readPublicKey(
                    AuditKeys.publicKeyFile(options().keyFile())))).isTrue();
        }
    }

    @Test
    @DisplayName("in 'privileged' durability a non-privileged record returns before its fsync yet is written")
    void whenDurabilityIsPrivilegedThenOrdinaryRecordsAreStillWritten() throws Exception {
        try (AuditLog log = AuditLog.open(options().withDurability(Durability.PRIVILEGED))) {
            for (int i = 0; i < 50; i++) {
                log.record(AuditEvents.decision("n-" + i, false));
            }
            log.record(AuditEvents.decision("last", true));
        }
        assertThat(records(dir)).hasSize(51);
    }

    @Test
    @DisplayName("in 'privileged' durability only privileged callers wait for the fsync; in 'all' everyone does")
    void whenDurabilityIsPrivilegedThenOnlyPrivilegedCallersWaitForTheDisk() throws Exception {
        FailingChannels slowDisk = new FailingChannels();
        try (AuditLog log = AuditLog.open(options().withChannels(slowDisk).withDurability(Durability.PRIVILEGED))) {
            log.record(AuditEvents.decision("first", true));
            slowDisk.slowForce(400);

            assertThat(millisToRecord(log, AuditEvents.decision("ordinary", false))).isLessThan(200);
            assertThat(millisToRecord(log, AuditEvents.decision("privileged", true))).isGreaterThanOrEqualTo(400);
        }
        try (AuditLog log = AuditLog.open(options().withChannels(slowDisk).withDurability(Durability.ALL))) {
            assertThat(millisToRecord(log, AuditEvents.decision("ordinary-2", false))).isGreaterThanOrEqualTo(400);
        }
    }

    @Test
    @DisplayName("a second log on the same directory is refused while the first is open, and allowed after")
    void whenTheDirectoryIsInUseThenASecondLogIsRefused() throws Exception {
        try (AuditLog first = AuditLog.open(options())) {
            assertThatThrownBy(() -> AuditLog.open(options())).isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("in use");
            first.record(AuditEvents.decision("still-works", true));
        }
        try (AuditLog again = AuditLog.open(options())) {
            assertThat(again.treeSize()).isEqualTo(1);
        }
    }

    private static long millisToRecord(AuditLog log, AuditEvent event) throws AuditUnavailableException {
        long start = System.nanoTime();
        log.record(event);
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
