package io.gatehouse.identity;

import java.util.Objects;

/** A credential failed verification. The message never contains the credential itself. */
public final class CredentialRejectedException extends Exception {

    private final RejectionReason reason;

    public CredentialRejectedException(RejectionReason reason, String message) {
        super(Objects.requireNonNull(reason, "reason").code() + ": " + message, null, false, false);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }
}
