package io.gatehouse.audit;

/** When {@link AuditSink#record} returns for events that are not privileged. */
public enum Durability {
    /** Every event returns only after its record is fsynced, as privileged events always do. */
    ALL,
    /**
     * Privileged events return after the fsync; other events return once queued for the writer, so a crash or a
     * write failure in the next few milliseconds can lose them (they are counted, never silently dropped).
     */
    PRIVILEGED
}
