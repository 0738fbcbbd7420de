package io.gatehouse.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How an {@link AuditLog} is laid out and behaves.
 *
 * @param dir the log directory: {@code segments/}, {@code checkpoints.jsonl}, {@code torn/}
 * @param keyFile the audit signing key (PKCS#8 PEM), generated when missing; its public key sits beside it
 * @param node the node id written into every record and checkpoint
 * @param segmentMaxBytes a segment is closed and a new one started once it reaches this size
 * @param checkpointInterval a checkpoint is signed at least this often while records arrive
 * @param checkpointEvery a checkpoint is signed after this many records, whatever the interval
 * @param durability when non-privileged events return
 * @param batchMax the most records written with one fsync
 * @param queueCapacity the most records waiting for the writer; beyond it {@code record} refuses
 * @param writeTimeout how long a caller waits for its record to become durable before it is refused
 * @param retryInterval how often the writer tries again after a failure
 * @param maskedPaths input paths masked in every record
 * @param clock the time of checkpoints
 * @param channels opens segment and checkpoint files
 * @param listener observes appends, failures and checkpoints
 */
public record AuditLogOptions(
        Path dir,
        Path keyFile,
        String node,
        long segmentMaxBytes,
        Duration checkpointInterval,
        long checkpointEvery,
        Durability durability,
        int batchMax,
        int queueCapacity,
        Duration writeTimeout,
        Duration retryInterval,
        List<String> maskedPaths,
        Clock clock,
        SegmentChannels channels,
        AuditLogListener listener) {

    public AuditLogOptions {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        Objects.requireNonNull(retryInterval, "retryInterval");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(listener, "listener");
        maskedPaths = maskedPaths == null ? List.of() : List.copyOf(maskedPaths);
        if (segmentMaxBytes < 1024) {
            throw new IllegalArgumentException("segment size must be at least 1024 bytes, given " + segmentMaxBytes);
        }
        if (checkpointEvery < 1 || batchMax < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("checkpoint count, batch size and queue capacity must be positive");
        }
    }

    /** Defaults for a directory: key in {@code DIR/signing-key/audit-ed25519.pem}, 64 MiB segments, all durable. */
    public static AuditLogOptions defaults(Path dir) {
        return new AuditLogOptions(dir, dir.resolve("signing-key").resolve("audit-ed25519.pem"), "local",
                64L << 20, Duration.ofSeconds(10), 1000, Durability.ALL, 512, 65_536, Duration.ofSeconds(10),
                Duration.ofSeconds(1), List.of(), Clock.systemUTC(), SegmentChannels.FILES, AuditLogListener.NONE);
    }

    public AuditLogOptions withNode(String node) {
        return new AuditLogOptions(dir, keyFile, node, segmentMaxBytes, checkpointInterval, checkpointEvery,
                durability, batchMax, queueCapacity, writeTimeout, retryInterval, maskedPaths, clock, channels,
                listener);
    }

    public AuditLogOptions withSegmentMaxBytes(long bytes) {
        return new AuditLogOptions(dir, keyFile, node, bytes, checkpointInterval, checkpointEvery,
                durability, batchMax, queueCapacity, writeTimeout, retryInterval, maskedPaths, clock, channels,
                listener);
    }

    public AuditLogOptions withCheckpoints(Duration interval, long every) {
        return new AuditLogOptions(dir, keyFile, node, segmentMaxBytes, interval, every,
                durability, batchMax, queueCapacity, writeTimeout, retryInterval, maskedPaths, clock, channels,
                listener);
    }

    public AuditLogOptions withDurability(Durability mode) {
        return new AuditLogOptions(dir, keyFile, node, segmentMaxBytes, checkpointInterval, checkpointEvery,
                mode, batchMax, queueCapacity, writeTimeout, retryInterval, maskedPaths, clock, channels,
                listener);
    }

    public AuditLogOptions withRetryInterval(Duration interval) {
        return new AuditLogOptions(dir, keyFile, node, segmentMaxBytes, checkpointInterval, checkpointEvery,
                durability, batchMax, queueCapacity, writeTimeout, interval, maskedPaths, clock, channels,
                listener);
    }

    public AuditLogOptions withWriteTimeout(Duration timeout) {
        return new AuditLogOptions(dir, keyFile, node, segmentMaxBytes, checkpointInterval, checkpointEvery,
                durability, batchMax, queueCapacity, timeout, retryInterval, maskedPaths, clock, channels,
                listener);
    }

    public AuditLogOptions withKeyFile(Path file) {
        return new AuditLogOptions(dir, file, node, segmentMaxBytes, checkpointInterval, checkpointEvery,
                durability, batchMax, queueCapacity, writeTimeout, retryInterval, maskedPaths, clock, channels,
                listener);
    }

    public AuditLogOptions withMaskedPaths(List<String> paths) {
        return new AuditLogOptions(dir, keyFile, node, segmentMaxBytes, checkpointInterval, checkpointEvery,
                durability, batchMax, queueCapacity, writeTimeout, retryInterval, paths, clock, channels,
                listener);
    }

    public AuditLogOptions withChannels(SegmentChannels opener) {
        return new AuditLogOptions(dir, keyFile, node, segmentMaxBytes, checkpointInterval, checkpointEvery,
                durability, batchMax, queueCapacity, writeTimeout, retryInterval, maskedPaths, clock, opener,
                listener);
    }

    public AuditLogOptions withListener(AuditLogListener observer) {
        return new AuditLogOptions(dir, keyFile, node, segmentMaxBytes, checkpointInterval, checkpointEvery,
                durability, batchMax, queueCapacity, writeTimeout, retryInterval, maskedPaths, clock, channels,
                observer);
    }
}
