package io.gatehouse.token;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The token service: issuer name, lifetimes, where keys and state live, and how keys rotate. */
@ConfigMapping(prefix = "gatehouse.token")
public interface TokenConfig {

    /** The {@code iss} of issued tokens and the issuer in the RFC 8414 metadata. */
    @WithDefault("https://gatehouse.local")
    String issuer();

    /** The audience a subject token must name for Gatehouse to exchange it, and Gatehouse's own tokens too. */
    @WithDefault("gatehouse")
    String audience();

    /** An issued token's lifetime unless the policy's {@code max_ttl} is shorter. */
    @WithDefault("5m")
    Duration defaultLifetime();

    /** The ceiling on any issued token's lifetime, whatever the policy says. */
    @WithDefault("15m")
    Duration maxLifetime();

    /**
     * Where managed keys and the revocation list are kept. Unset: {@code ${user.home}/.gatehouse}; dev and test use
     * {@code target/gatehouse-state}.
     */
    Optional<String> stateDir();

    /** Signing keys. */
    Keys keys();

    /** Where signing keys come from and how managed keys rotate. */
    interface Keys {

        /** {@code managed} (generated and rotated by Gatehouse), {@code directory} or {@code pkcs12}. */
        @WithDefault("managed")
        String source();

        /** For {@code directory}: a mounted folder of {@code <kid>.pem} files, each a private key and certificate. */
        Optional<String> directory();

        /** For {@code pkcs12}: the store's path; each private-key entry's alias is its kid. */
        Optional<String> pkcs12Path();

        /** For {@code pkcs12}: the store's password. */
        Optional<String> pkcs12Password();

        /** How long one managed key signs. */
        @WithDefault("24h")
        Duration signingPeriod();

        /** How long a new managed key is published before it signs. */
        @WithDefault("10m")
        Duration prePublish();

        /** Readiness reports a warning when the signing key stops signing sooner than this with no successor. */
        @WithDefault("1h")
        Duration expiryWarning();
    }
}
