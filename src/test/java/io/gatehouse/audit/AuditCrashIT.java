package io.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.audit.VerificationReport.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real child JVM appends durable records under load and is killed with SIGKILL
 * ({@code Process.destroyForcibly} on Linux). Every record it acknowledged must be in the log, and verify-audit must
 * accept the log up to the last complete record and report a torn final record rather than keep it.
 */
class AuditCrashIT {

    private static final int ACKS_BEFORE_KILL = 2000;

    @TempDir
    Path dir;

    @Test
    @DisplayName("SIGKILL under load loses no acknowledged record and leaves a log verify-audit accepts")
    void whenKilledUnderLoadThenEveryAcknowledgedRecordSurvives() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Process child = startChild();
        CountDownLatch enough = new CountDownLatch(1);
        Thread reader = new Thread(() -> readAcks(child, acknowledged, enough));
        reader.start();
        boolean reached = enough.await(60, TimeUnit.SECONDS);

        child.destroyForcibly();
        child.waitFor(30, TimeUnit.SECONDS);
        reader.join(10_000);

        assertThat(reached).as("the child acknowledged %d records", ACKS_BEFORE_KILL).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
        PublicKey key = AuditKeys.readPublicKey(
                AuditKeys.publicKeyFile(AuditLogOptions.defaults(dir).keyFile()));

        VerificationReport afterCrash = AuditVerifier.verify(dir, key);
        assertThat(afterCrash.errors()).as(afterCrash.findings().toString()).isEmpty();
        assertThat(recordIds()).containsAll(acknowledged);
        assertThat(afterCrash.records()).isGreaterThanOrEqualTo(acknowledged.size());

        assertTornRecordIsReportedNotKept(key, afterCrash);
        assertReopenCutsTheTornTailAndAppends(key);
    }

    // SIGKILL between two write calls rarely tears a line, so the tear of a crash mid-write is made explicit here.
    private void assertTornRecordIsReportedNotKept(PublicKey key, VerificationReport afterCrash) throws IOException {
        List<Path> segments = LogLayout.segmentFiles(dir);
        Path last = segments.get(segments.size() - 1);
        if (!afterCrash.has(Kind.TORN)) {
            Files.writeString(last, "{\"v\":1,\"seq\":" + afterCrash.records() + ",\"prev\":\"AAA",
                    StandardOpenOption.APPEND);
        }

        VerificationReport torn = AuditVerifier.verify(dir, key);

        assertThat(torn.accepted()).isTrue();
        assertThat(torn.has(Kind.TORN)).isTrue();
        assertThat(torn.records()).isEqualTo(afterCrash.records());
        VerificationReport.Finding finding = torn.findings().stream().filter(f -> f.kind() == Kind.TORN)
                .findFirst().orElseThrow();
        assertThat(finding.file()).isEqualTo(dir.relativize(last).toString());
        assertThat(finding.line()).isEqualTo(Files.readAllLines(last).size());
    }

    private void assertReopenCutsTheTornTailAndAppends(PublicKey key) throws Exception {
        long before = AuditVerifier.verify(dir, key).records();
        try (AuditLog log = AuditLog.open(AuditLogOptions.defaults(dir).withNode("crash-child"))) {
            assertThat(log.treeSize()).isEqualTo(before);
            log.record(AuditEvents.decision("after-restart", true));
        }

        VerificationReport reopened = AuditVerifier.verify(dir, key);

        assertThat(reopened.findings()).as(reopened.findings().toString())
                .noneMatch(f -> f.severity() == VerificationReport.Severity.ERROR || f.kind() == Kind.TORN);
        assertThat(reopened.records()).isEqualTo(before + 1);
        try (var torn = Files.list(LogLayout.torn(dir))) {
            assertThat(torn).hasSize(1);
        }
    }

    private Process startChild() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashLoadMain.class.getName(), dir.toString(), "8")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static void readAcks(Process child, Set<String> acknowledged, CountDownLatch enough) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                // only a complete line counts: "ACK <id> ." ; a line cut by the kill has no final " ."
                if (line.startsWith("ACK ") && line.endsWith(" .")) {
                    acknowledged.add(line.substring(4, line.length() - 2));
                    if (acknowledged.size() >= ACKS_BEFORE_KILL) {
                        enough.countDown();
                    }
                }
            }
        } catch (IOException closed) {
            // the child is gone
        }
    }

    private Set<String> recordIds() throws IOException {
        Set<String> ids = new HashSet<>();
        for (Path segment : LogLayout.segmentFiles(dir)) {
            List<String> lines = new ArrayList<>(Files.readAllLines(segment));
            for (String line : lines) {
                try {
                    JsonNode record = AuditEvents.json(line);
                    ids.add(record.get("id").asText());
                } catch (IllegalArgumentException torn) {
                    // a torn final line; the verifier reports it
                }
            }
        }
        return ids;
    }
}
