package io.gatehouse.audit;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Configuration of the audit log, {@code gatehouse.audit.*}. */
@ConfigMapping(prefix = "gatehouse.audit")
public interface AuditConfig {

    /** The log directory: {@code segments/}, {@code checkpoints.jsonl}, {@code torn/}. */
    @WithDefault("state/audit")
    Path dir();

    /**
     * The audit signing key (Ed25519, PKCS#8 PEM), generated on first start with its public key beside it as
     * {@code .pub.pem}; defaults to {@code DIR/signing-key/audit-ed25519.pem}. In production point it at a volume
     * the log's writers cannot read.
     */
    Optional<Path> keyFile();

    /** The node id in records and checkpoints; defaults to the {@code HOSTNAME} environment variable. */
    Optional<String> node();

    /** A segment file is closed and a new one started once it reaches this size. */
    @WithDefault("64M")
    MemorySize segmentSize();

    /** A checkpoint is signed at least this often while records arrive. */
    @WithDefault("10s")
    Duration checkpointInterval();

    /** A checkpoint is signed after this many records, whatever the interval. */
    @WithDefault("1000")
    long checkpointEvery();

    /**
     * When non-privileged events return: {@code all} after their fsync like privileged ones, {@code privileged}
     * once queued (faster, but a crash can lose the last few milliseconds of non-privileged records).
     */
    @WithDefault("all")
    Durability durability();

    /** The most records written with one fsync. */
    @WithDefault("512")
    int batchMax();

    /** The most records waiting for the writer; beyond it records are refused. */
    @WithDefault("65536")
    int queueCapacity();

    /** How long a caller waits for its record to be durable before the record counts as not written. */
    @WithDefault("10s")
    Duration writeTimeout();

    /** How often the writer tries again after a write failure. */
    @WithDefault("1s")
    Duration retryInterval();

    /** Input paths masked in every record, e.g. {@code $.resource.card_number}, {@code $..iban}. */
    Optional<List<String>> maskedPaths();
}
