package io.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.AuditKeys;
import io.gatehouse.audit.AuditLog;
import io.gatehouse.audit.AuditLogOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VerifyAuditCommandTest {

    private static final String SEGMENT = "segments/audit-00000000000000000000.jsonl";

    @TempDir
    Path dir;

    private Path publicKey;
    private Path proof;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeLog() throws Exception {
        AuditLogOptions options = AuditLogOptions.defaults(dir.resolve("log")).withNode("node-a")
                .withKeyFile(dir.resolve("key").resolve("audit.pem"));
        try (AuditLog log = AuditLog.open(options)) {
            for (int i = 0; i < 8; i++) {
                log.record(new AuditEvent("decision", "d-" + i, Instant.EPOCH, "alice", null, "op", null, "allow",
                        List.of(), List.of(), null, "r1", null, null, null, true, Map.of()));
            }
            log.checkpointNow();
            proof = dir.resolve("proof.json");
            Files.writeString(proof, log.inclusionProof("d-3").orElseThrow().toJson().toString());
        }
        publicKey = AuditKeys.publicKeyFile(options.keyFile());
    }

    private int run(String... args) {
        return new CommandLine(new VerifyAuditCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
    }

    @Test
    @DisplayName("an intact log and a genuine proof exit 0 with a one-line verdict")
    void intactLogExitsZero() {
        int status = run(dir.resolve("log").toString(), "--public-key", publicKey.toString(),
                "--proof", proof.toString());

        assertThat(status).isZero();
        assertThat(out.toString()).startsWith("accepted: 8 complete records in 1 segments, 1 valid checkpoints");
    }

    @Test
    @DisplayName("an edited record exits 1 and names kind, segment file, line and sequence")
    void editedRecordExitsOneWithPosition() throws Exception {
        Path segment = dir.resolve("log").resolve(SEGMENT);
        Files.writeString(segment, Files.readString(segment).replaceFirst("\"id\":\"d-2\"", "\"id\":\"d-X\""));

        int status = run(dir.resolve("log").toString(), "--public-key", publicKey.toString());

        assertThat(status).isEqualTo(VerifyAuditCommand.TAMPERED);
        assertThat(out.toString()).contains("ERROR edited " + SEGMENT + ":3 seq 2: record was altered")
                .contains("REJECTED");
    }

    @Test
    @DisplayName("a public key that cannot be read exits 3 with the reason, a missing argument exits 2")
    void unreadableKeyAndUsageErrors() {
        assertThat(run(dir.resolve("log").toString(), "--public-key", dir.resolve("nope.pem").toString()))
                .isEqualTo(VerifyAuditCommand.UNREADABLE);
        assertThat(err.toString()).contains("nope.pem");
        assertThat(run(dir.resolve("log").toString())).isEqualTo(2);
    }
}
