package io.gatehouse.replay;

import java.util.Objects;

/** A proof failed one verification step; the message says which, in lowercase without a trailing period. */
public final class ProofException extends Exception {

    private final ReplayReason reason;

    public ProofException(ReplayReason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public ReplayReason reason() {
        return reason;
    }
}
