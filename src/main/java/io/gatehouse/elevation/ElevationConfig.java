package io.gatehouse.elevation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Temporary elevation: hard limits that hold whatever the policy says, and the built-in fallbacks. */
@ConfigMapping(prefix = "gatehouse.elevation")
public interface ElevationConfig {

    /** The longest elevation anyone can get; the policy may grant less, never more. */
    @WithDefault("1h")
    Duration maxDuration();

    /** The shortest justification accepted, in characters. */
    @WithDefault("10")
    int minJustificationLength();

    /** The longest justification accepted, in characters. */
    @WithDefault("2000")
    int maxJustificationLength();

    /** How long a record stays readable after its expiry (late approvals are refused as expired, not unknown). */
    @WithDefault("1h")
    Duration retention();

    /** How many records the in-memory store holds; when full, new requests are refused. */
    @WithDefault("10000")
    int maxRecords();

    /** How often lapsed elevations are marked expired, audited, and their tokens revoked. */
    @WithDefault("5s")
    Duration sweepInterval();

    /**
     * Development and test principals for the built-in resolver, by subject: a SHA-256 of a bearer token and an
     * optional proof key thumbprint ({@code cnf.jkt}). Empty by default: nobody can call the elevation endpoints
     * until identity is wired in. Never configure it in production.
     */
    Map<String, StaticPrincipal> staticPrincipals();

    interface StaticPrincipal {

        /** Lowercase hex SHA-256 of the bearer token that proves this principal. */
        String tokenSha256();

        /** The RFC 7638 thumbprint of the principal's proof key, which becomes its {@code cnf.jkt}. */
        Optional<String> keyThumbprint();
    }
}
