package io.gatehouse.audit;

/** The audit log could not be written; a privileged decision must be denied. */
public final class AuditUnavailableException extends Exception {

    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
