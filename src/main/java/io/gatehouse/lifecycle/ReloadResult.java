package io.gatehouse.lifecycle;

import java.util.Objects;

/**
 * What a reload or a rollback did.
 *
 * @param status what happened
 * @param revision the revision answering decisions afterwards, or null when there is none
 * @param previous the revision it replaced, or null when nothing was replaced
 * @param failure why a reload was refused, or null
 */
public record ReloadResult(Status status, String revision, String previous, ReloadFailure failure) {

    public enum Status {
        /** A new revision answers decisions. */
        ACTIVATED,
        /** The policies compiled to the revision already answering; nothing changed. */
        UNCHANGED,
        /** The policies did not compile; the last good revision keeps serving. */
        REFUSED
    }

    public ReloadResult {
        Objects.requireNonNull(status, "status");
    }
}
