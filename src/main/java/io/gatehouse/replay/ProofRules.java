package io.gatehouse.replay;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The checked form of {@link ReplayConfig}, plain so that tests build it directly.
 *
 * <p>The acceptance window of a proof issued at {@code iat} is {@code [iat - skew, iat + lifetime + skew]} in
 * Gatehouse's clock; its nonce is retained until the window's end.
 */
public record ProofRules(
        Duration lifetime, Duration skew, List<String> algorithms, List<String> types, int maxProofLength,
        int minNonceLength, int maxNonceLength, boolean requireBoundBearer, Optional<URI> externalBaseUri) {

    static final Duration MAX_SKEW = Duration.ofMinutes(5);
    static final Duration MAX_LIFETIME = Duration.ofMinutes(10);
    static final List<String> SUPPORTED_ALGORITHMS = List.of("ES256", "EdDSA");

    public ProofRules {
        requireWithin("gatehouse.replay.proof-lifetime", lifetime, Duration.ofSeconds(1), MAX_LIFETIME);
        requireWithin("gatehouse.replay.max-clock-skew", skew, Duration.ZERO, MAX_SKEW);
        algorithms = List.copyOf(algorithms);
        types = List.copyOf(types);
        if (algorithms.isEmpty() || !SUPPORTED_ALGORITHMS.containsAll(algorithms)) {
            throw new IllegalArgumentException("gatehouse.replay.algorithms must be a non-empty subset of "
                    + SUPPORTED_ALGORITHMS + ", given " + algorithms);
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("gatehouse.replay.types must name at least one proof type");
        }
        Objects.requireNonNull(externalBaseUri, "externalBaseUri");
    }

    public static ProofRules from(ReplayConfig config) {
        return new ProofRules(config.proofLifetime(), config.maxClockSkew(), config.algorithms(), config.types(),
                config.maxProofLength(), config.minNonceLength(), config.maxNonceLength(),
                config.requireBoundBearer(), config.externalBaseUri());
    }

    /** The defaults of {@link ReplayConfig} with another lifetime and skew. */
    public static ProofRules of(Duration lifetime, Duration skew) {
        return new ProofRules(lifetime, skew, SUPPORTED_ALGORITHMS, List.of("gatehouse-proof+jwt", "dpop+jwt"),
                8192, 16, 128, true, Optional.empty());
    }

    private static void requireWithin(String name, Duration value, Duration min, Duration max) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", given " + value);
        }
    }
}
