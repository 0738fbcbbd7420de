package io.gatehouse.audit;

/**
 * Where audit events go. Implementations append to the tamper-evident log.
 *
 * <p>A privileged event returns only once its record is durable (fsync, batched across concurrent callers); other
 * events may return before, depending on configuration.
 */
public interface AuditSink {

    /**
     * Appends one event.
     *
     * @throws AuditUnavailableException when the record could not be written; privileged callers must deny
     */
    void record(AuditEvent event) throws AuditUnavailableException;

    /** Whether the sink can currently write; readiness reports it. */
    boolean writable();
}
