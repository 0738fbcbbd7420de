package io.gatehouse.token;

import java.time.Duration;
import java.util.Objects;

/**
 * When managed keys change.
 *
 * @param signingPeriod how long one key signs
 * @param prePublish how long a new key sits in the JWKS before it signs, so that verifiers caching the JWKS know it
 * @param overlap how long a key stays in the JWKS after it stopped signing: at least the longest token lifetime
 *     plus the clock skew, so every token it signed expires while its key is still published
 */
public record RotationPolicy(Duration signingPeriod, Duration prePublish, Duration overlap) {

    public RotationPolicy {
        Objects.requireNonNull(signingPeriod, "signingPeriod");
        Objects.requireNonNull(prePublish, "prePublish");
        Objects.requireNonNull(overlap, "overlap");
        if (signingPeriod.compareTo(prePublish) <= 0 || prePublish.isNegative() || overlap.isNegative()) {
            throw new IllegalArgumentException("rotation: signing period " + signingPeriod
                    + " must exceed the pre-publication time " + prePublish + ", and neither may be negative");
        }
    }
}
