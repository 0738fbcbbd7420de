package io.gatehouse.elevation;

import io.gatehouse.replay.ReplayVerdict;

/** A privileged request's proof was refused; mapped to 401, or 503 when the nonce store could not take it. */
public final class ProofRefusedException extends RuntimeException {

    private final ReplayVerdict.Refused verdict;

    public ProofRefusedException(ReplayVerdict.Refused verdict) {
        super(verdict.message());
        this.verdict = verdict;
    }

    public ReplayVerdict.Refused verdict() {
        return verdict;
    }
}
