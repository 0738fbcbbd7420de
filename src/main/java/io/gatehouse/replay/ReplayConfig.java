package io.gatehouse.replay;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How proofs of freshness on privileged requests are checked. */
@ConfigMapping(prefix = "gatehouse.replay")
public interface ReplayConfig {

    /** How long after its {@code iat} a proof is accepted. */
    @WithDefault("60s")
    Duration proofLifetime();

    /** Clock difference tolerated between caller and Gatehouse, on both sides of the window; at most 5 minutes. */
    @WithDefault("5s")
    Duration maxClockSkew();

    /** Signature algorithms accepted for proofs; the proof header's {@code alg} must be one of them. */
    @WithDefault("ES256,EdDSA")
    List<String> algorithms();

    /** Accepted {@code typ} header values. */
    @WithDefault("gatehouse-proof+jwt,dpop+jwt")
    List<String> types();

    /** Longest proof accepted, in characters, checked before any parsing. */
    @WithDefault("8192")
    int maxProofLength();

    /** Shortest {@code jti} accepted; a short nonce is guessable and collides. */
    @WithDefault("16")
    int minNonceLength();

    /** Longest {@code jti} accepted; it becomes a store key. */
    @WithDefault("128")
    int maxNonceLength();

    /**
     * Whether a caller authenticated by a bearer credential must hold the key the credential names ({@code cnf.jkt}).
     * Turning it off makes the proof a freshness check only, which a thief of the bearer credential can also pass.
     */
    @WithDefault("true")
    boolean requireBoundBearer();

    /**
     * The scheme, host and port clients use to reach Gatehouse when a proxy in front rewrites them; {@code htu} is
     * compared against it plus the request path. Unset: the request's own URI.
     */
    Optional<URI> externalBaseUri();
}
