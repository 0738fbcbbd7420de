package io.gatehouse.audit;

import java.util.List;
import java.util.Objects;

/**
 * What {@link AuditVerifier} found.
 *
 * @param findings problems and warnings in log order
 * @param records complete records read
 * @param segments segment files read
 * @param signedCheckpoints checkpoints whose signature verified
 * @param signedSize the tree size the newest valid checkpoint covers, 0 without one
 */
public record VerificationReport(
        List<Finding> findings, long records, int segments, int signedCheckpoints, long signedSize) {

    public VerificationReport {
        findings = List.copyOf(findings);
    }

    /** Whether the log is accepted: no error (warnings, such as a torn final record, are allowed). */
    public boolean accepted() {
        return findings.stream().noneMatch(finding -> finding.severity() == Severity.ERROR);
    }

    public List<Finding> errors() {
        return findings.stream().filter(finding -> finding.severity() == Severity.ERROR).toList();
    }

    /** Whether something of this kind was found. */
    public boolean has(Kind kind) {
        return findings.stream().anyMatch(finding -> finding.kind() == kind);
    }

    public enum Severity {
        ERROR,
        WARNING
    }

    /** What was found; each tamper kind is its own value. */
    public enum Kind {
        /** a record's bytes changed after it was written: its hash no longer matches its successor's link */
        EDITED,
        /** records are missing: a gap in the sequence numbers */
        DELETED,
        /** a record appears after one with a higher sequence number */
        REORDERED,
        /** a sequence number appears twice */
        DUPLICATED,
        /** the log holds fewer records than a signed checkpoint covers */
        TRUNCATED,
        /** the records do not hash to the root a valid checkpoint signed */
        CHECKPOINT_MISMATCH,
        /** a checkpoint whose signature does not verify with the audit public key */
        BAD_SIGNATURE,
        /** a proof whose root no valid checkpoint signed */
        UNSIGNED_ROOT,
        /** a proof whose path does not lead from its record to any root */
        INVALID_PROOF,
        /** a line that is not a record of a known schema */
        MALFORMED,
        /** the final record is incomplete (a crash while it was written); it is not counted */
        TORN,
        /** records after the newest checkpoint are only hash-linked, not yet signed */
        UNSIGNED_TAIL,
        /** there is no valid checkpoint at all */
        NO_CHECKPOINT
    }

    /**
     * One finding.
     *
     * @param kind what it is
     * @param severity whether it rejects the log
     * @param file the file, relative to the log directory
     * @param line the line in that file, from 1; 0 when the finding concerns the whole file
     * @param sequence the record's sequence number when known, else -1
     * @param message lowercase, what was found and where
     */
    public record Finding(Kind kind, Severity severity, String file, long line, long sequence, String message) {

        public Finding {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(message, "message");
        }

        /** {@code ERROR edited segments/audit-...jsonl:12 seq 11: message}. */
        public String describe() {
            String position = file + (line > 0 ? ":" + line : "") + (sequence >= 0 ? " seq " + sequence : "");
            return severity + " " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " "
                    + position + ": " + message;
        }
    }
}
