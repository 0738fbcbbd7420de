package io.gatehouse.identity;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds applied to every bearer token before and after its signature is checked.
 *
 * @param maxTokenBytes the largest token accepted, checked before any decoding
 * @param maxDepth the deepest nesting of JSON objects and arrays in the header or claims
 * @param clockSkew how far {@code exp}, {@code nbf} and {@code iat} may be off; at most {@link #MAX_SKEW}
 */
public record VerifierLimits(int maxTokenBytes, int maxDepth, Duration clockSkew) {

    /** A skew beyond this would let expired tokens live on; configuration asking for more is refused at startup. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);

    public static final VerifierLimits DEFAULT = new VerifierLimits(16 * 1024, 16, Duration.ofSeconds(30));

    public VerifierLimits {
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (maxTokenBytes < 256 || maxDepth < 2) {
            throw new IllegalArgumentException("token limits too small: max-token-bytes " + maxTokenBytes
                    + " (at least 256), max-depth " + maxDepth + " (at least 2)");
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(MAX_SKEW) > 0) {
            throw new IllegalArgumentException("clock skew " + clockSkew + " must lie between 0 and " + MAX_SKEW);
        }
    }
}
