package io.gatehouse.audit;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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

    /**
     * Appends one event without making the calling thread wait for the disk: the stage completes when {@link #record}
     * would have returned, or fails with {@link AuditUnavailableException} when it would have thrown. The HTTP
     * decision route calls it on an event loop. This default records synchronously, for sinks that never block.
     */
    default CompletionStage<Void> recordAsync(AuditEvent event) {
        try {
            record(event);
            return CompletableFuture.completedFuture(null);
        } catch (AuditUnavailableException unavailable) {
            return CompletableFuture.failedFuture(unavailable);
        }
    }

    /** Whether the sink can currently write; readiness reports it. */
    boolean writable();
}
