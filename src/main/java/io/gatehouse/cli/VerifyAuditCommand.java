package io.gatehouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.audit.AuditKeys;
import io.gatehouse.audit.AuditVerifier;
import io.gatehouse.audit.VerificationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code verify-audit DIR --public-key FILE [--proof FILE] [--checkpoint FILE ...]}: checks an audit log directory and, optionally, an
 * inclusion proof, against the audit public key alone.
 *
 * <p>Exit status 0 when the log is accepted (warnings such as a torn final record or unsigned recent records are
 * printed but allowed), 1 when anything was tampered with, 2 on a usage error, 3 when the files cannot be read.
 */
@Command(name = "verify-audit", mixinStandardHelpOptions = true,
        description = "Verify an audit log directory against its signed checkpoints and the audit public key.")
public final class VerifyAuditCommand implements Callable<Integer> {

    static final int TAMPERED = 1;
    static final int UNREADABLE = 3;

    @Parameters(index = "0", paramLabel = "DIR", description = "the audit log directory (gatehouse.audit.dir)")
    Path dir;

    @Option(names = "--public-key", required = true, paramLabel = "FILE",
            description = "the audit public key, SubjectPublicKeyInfo PEM (the .pub.pem beside the signing key)")
    Path publicKey;

    @Option(names = "--proof", paramLabel = "FILE",
            description = "an inclusion proof as GET /v1/audit/proof/{decision_id} returns it, to check as well")
    Path proof;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "a checkpoint saved elsewhere (GET /v1/audit/checkpoint), trusted like those in DIR; "
                    + "repeatable")
    List<Path> savedCheckpoints = new ArrayList<>();

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new VerifyAuditCommand()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        VerificationReport report;
        try {
            PublicKey key = AuditKeys.readPublicKey(publicKey);
            List<JsonNode> saved = new ArrayList<>();
            for (Path file : savedCheckpoints) {
                saved.add(readJson(file, "checkpoint"));
            }
            report = AuditVerifier.verify(dir, key, proof == null ? null : readJson(proof, "proof"), saved);
        } catch (IOException unreadable) {
            err.println("error: " + unreadable.getMessage());
            return UNREADABLE;
        }
        report.findings().forEach(finding -> out.println(finding.describe()));
        out.println(summary(report));
        out.flush();
        return report.accepted() ? 0 : TAMPERED;
    }

    private static JsonNode readJson(Path file, String what) throws IOException {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException malformed) {
            throw new IOException(what + " '" + file + "' is not JSON: " + malformed.getMessage(), malformed);
        }
    }

    private static String summary(VerificationReport report) {
        String verdict = report.accepted() ? "accepted" : "REJECTED (" + report.errors().size() + " errors)";
        return verdict + ": " + report.records() + " complete records in " + report.segments() + " segments, "
                + report.signedCheckpoints() + " valid checkpoints, the newest covering " + report.signedSize()
                + " records";
    }
}
