package io.gatehouse.audit;

/** What the audit log tells its observer (metrics, the application log); called on the writer thread, keep it fast. */
public interface AuditLogListener {

    AuditLogListener NONE = new AuditLogListener() {
    };

    /** A batch of records is durable. */
    default void appended(int records, long fsyncNanos) {
    }

    /** A write, fsync, rotation or checkpoint write failed; the log is unavailable until it recovers. */
    default void writeFailed(Exception cause) {
    }

    /** Records that were refused or lost because the log could not be written. */
    default void refused(int records) {
    }

    /** Writing works again. */
    default void recovered() {
    }

    /** A checkpoint was signed and stored. */
    default void checkpointed(Checkpoint checkpoint) {
    }
}
