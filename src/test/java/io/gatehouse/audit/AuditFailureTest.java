package io.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the log cannot be written, records are refused (privileged callers must deny), the log says it is not
 * writable, failures are counted, and writing resumes by itself once the disk works again.
 */
class AuditFailureTest {

    @TempDir
    Path tmp;

    private final AtomicInteger writeFailures = new AtomicInteger();
    private final AtomicInteger recoveries = new AtomicInteger();

    private final AuditLogListener counting = new AuditLogListener() {
        @Override
        public void writeFailed(Exception cause) {
            writeFailures.incrementAndGet();
        }

        @Override
        public void recovered() {
            recoveries.incrementAndGet();
        }
    };

    private AuditLogOptions options(Path dir) {
        return AuditLogOptions.defaults(dir).withNode("node-a").withKeyFile(tmp.resolve("key").resolve("audit.pem"))
                .withRetryInterval(Duration.ofMillis(50)).withListener(counting);
    }

    @Test
    @DisplayName("a full file system refuses records, the log recovers once space is freed, and verifies")
    void whenDiskIsFullThenRecordsAreRefusedUntilSpaceIsFreed() throws Exception {
        Path mount = tmp.resolve("small-fs");
        Files.createDirectories(mount);
        boolean mounted = mountTmpfs(mount, "256k");
        FailingChannels injected = new FailingChannels();
        Path filler = mount.resolve("filler");
        Path dir = mount.resolve("audit");
        try {
            AuditLogOptions options = mounted ? options(dir) : options(dir).withChannels(injected);
            Files.write(filler, new byte[128 * 1024]);
            Set<String> acknowledged = new HashSet<>();
            try (AuditLog log = AuditLog.open(options)) {
                int refused = fillUntilRefused(log, acknowledged, injected, mounted);

                assertThat(refused).as("records refused once the disk is full").isPositive();
                assertThat(log.writable()).isFalse();
                assertThat(log.failure()).isPresent();
                assertThat(writeFailures.get()).isPositive();
                assertThatThrownBy(() -> log.record(AuditEvents.decision("while-full", true)))
                        .isInstanceOf(AuditUnavailableException.class).hasMessageContaining("not writable");

                Files.delete(filler);
                injected.heal();
                await().atMost(5, TimeUnit.SECONDS).until(log::writable);
                log.record(AuditEvents.decision("after-recovery", true));
                acknowledged.add("after-recovery");
            }
            assertThat(recoveries.get()).isEqualTo(1);
            assertLogHoldsExactly(dir, acknowledged, true);
        } finally {
            if (mounted) {
                run("umount", mount.toString());
            }
        }
    }

    @Test
    @DisplayName("an fsync error refuses the batch, readiness goes down; a later retry recovers the log and readiness")
    void whenFsyncFailsThenTheBatchIsRefusedAndTheLogRecovers() throws Exception {
        FailingChannels channels = new FailingChannels();
        Path dir = tmp.resolve("audit");
        Set<String> acknowledged = new HashSet<>();
        try (AuditLog log = AuditLog.open(options(dir).withChannels(channels))) {
            log.record(AuditEvents.decision("before", true));
            acknowledged.add("before");
            channels.failWith("Input/output error (injected)");

            assertThatThrownBy(() -> log.record(AuditEvents.decision("during", true)))
                    .isInstanceOf(AuditUnavailableException.class).hasMessageContaining("Input/output error");
            assertThat(log.writable()).isFalse();
            HealthCheckResponse down = readinessOf(log).call();
            assertThat(down.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(down.getData().orElseThrow().get("failure").toString()).contains("Input/output error");
            Thread.sleep(200);
            assertThat(log.writable()).as("no recovery while the disk still fails").isFalse();
            assertThat(writeFailures.get()).as("retries count as failures too").isGreaterThan(1);

            channels.heal();
            await().atMost(5, TimeUnit.SECONDS).until(log::writable);
            assertThat(readinessOf(log).call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            log.record(AuditEvents.decision("after", true));
            acknowledged.add("after");
        }
        assertLogHoldsExactly(dir, acknowledged, true);
    }

    @Test
    @DisplayName("a record appended without waiting fails its stage when the fsync fails, and no thread waits for it")
    void whenFsyncFailsThenTheAsyncRecordFailsAsTheWaitingOneWould() throws Exception {
        FailingChannels channels = new FailingChannels();
        Path dir = tmp.resolve("audit");
        Set<String> acknowledged = new HashSet<>();
        try (AuditLog log = AuditLog.open(options(dir).withChannels(channels))) {
            log.recordAsync(AuditEvents.decision("before", false)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            acknowledged.add("before");
            channels.failWith("Input/output error (injected)");

            var during = log.recordAsync(AuditEvents.decision("during", false)).toCompletableFuture();
            assertThatThrownBy(() -> during.get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(AuditUnavailableException.class).hasMessageContaining("Input/output error");
            var refused = log.recordAsync(AuditEvents.decision("while-down", false)).toCompletableFuture();
            assertThat(refused).as("refused at once while not writable").isCompletedExceptionally();

            channels.heal();
            await().atMost(5, TimeUnit.SECONDS).until(log::writable);
        }
        assertLogHoldsExactly(dir, acknowledged, true);
    }

    @Test
    @DisplayName("a record appended without waiting fails its stage once it is not durable within the write timeout")
    void whenTheFsyncStallsThenTheAsyncRecordFailsAfterTheWriteTimeout() throws Exception {
        FailingChannels channels = new FailingChannels();
        Path dir = tmp.resolve("audit");
        AuditLogOptions options = options(dir).withChannels(channels).withWriteTimeout(Duration.ofMillis(200));
        try (AuditLog log = AuditLog.open(options)) {
            log.recordAsync(AuditEvents.decision("before", false)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            channels.slowForce(3_000);

            var stalled = log.recordAsync(AuditEvents.decision("stalled", false)).toCompletableFuture();
            var queued = log.recordAsync(AuditEvents.decision("queued-behind", false)).toCompletableFuture();

            assertThatThrownBy(() -> stalled.get(2, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(AuditUnavailableException.class).hasMessageContaining("not durable within");
            assertThatThrownBy(() -> queued.get(2, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(AuditUnavailableException.class).hasMessageContaining("not durable within");
            channels.slowForce(0);
        }
    }

    private static AuditReadinessCheck readinessOf(AuditLog log) {
        AuditReadinessCheck check = new AuditReadinessCheck();
        check.audit = new AuditService() {
            @Override
            public AuditLog log() {
                return log;
            }
        };
        return check;
    }

    private static int fillUntilRefused(AuditLog log, Set<String> acknowledged, FailingChannels injected,
            boolean mounted) {
        int refused = 0;
        for (int i = 0; i < 5000 && refused < 3; i++) {
            if (!mounted && i == 50) {
                injected.failWith("No space left on device (injected: tmpfs could not be mounted)");
            }
            String id = "fill-" + i;
            try {
                log.record(AuditEvents.decision(id, true));
                acknowledged.add(id);
            } catch (AuditUnavailableException full) {
                refused++;
            }
        }
        return refused;
    }

    private void assertLogHoldsExactly(Path dir, Set<String> acknowledged, boolean expectRecoveredRecord)
            throws IOException {
        VerificationReport report = AuditVerifier.verify(dir,
                AuditKeys.readPublicKey(AuditKeys.publicKeyFile(tmp.resolve("key").resolve("audit.pem"))));
        assertThat(report.errors()).isEmpty();
        List<String> ids = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (Path segment : LogLayout.segmentFiles(dir)) {
            for (String line : Files.readAllLines(segment)) {
                JsonNode record = AuditEvents.json(line);
                ids.add(record.get("id").asText());
                types.add(record.get("type").asText());
            }
        }
        assertThat(ids).containsAll(acknowledged);
        assertThat(ids.stream().filter(id -> !id.startsWith("audit-recovered-")))
                .containsExactlyInAnyOrderElementsOf(acknowledged);
        if (expectRecoveredRecord) {
            assertThat(types).contains("audit.recovered");
        }
    }

    private static boolean mountTmpfs(Path dir, String size) {
        try {
            return run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString()) == 0;
        } catch (IOException notPossible) {
            return false;
        }
    }

    private static int run(String... command) throws IOException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException(interrupted);
        }
    }
}
