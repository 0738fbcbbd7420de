package io.gatehouse.replay;

import java.util.Objects;

/** The outcome of {@link ReplayGuard#check}: the request is fresh and used once, or it is refused with a reason. */
public sealed interface ReplayVerdict {

    boolean accepted();

    /** The proof is valid and its nonce was consumed by this request. */
    record Accepted(VerifiedProof proof) implements ReplayVerdict {

        public Accepted {
            Objects.requireNonNull(proof, "proof");
        }

        @Override
        public boolean accepted() {
            return true;
        }
    }

    /** The request must be refused. */
    record Refused(ReplayReason reason, String message) implements ReplayVerdict {

        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public boolean accepted() {
            return false;
        }
    }
}
