package io.gatehouse.token;

import io.gatehouse.audit.AuditSink;
import io.gatehouse.decision.DecisionService;
import io.gatehouse.identity.IdentityBeans;
import io.gatehouse.identity.IdentityConfig;
import io.gatehouse.identity.JwtVerifier;
import io.gatehouse.identity.TrustedIssuer;
import io.gatehouse.identity.VerifierLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Wires the verifier (external issuers plus Gatehouse itself), the revocation list and the exchange. */
@ApplicationScoped
public class TokenBeans {

    @Produces
    @Singleton
    RevocationList revocations(TokenKeys keys, Clock clock, io.gatehouse.state.RevocationStore shared) {
        try {
            return new RevocationList(keys.stateDir().resolve("revocations.tsv"), clock, shared);
        } catch (IOException e) {
            throw new UncheckedIOException("the revocation list cannot be read from " + keys.stateDir(), e);
        }
    }

    @Produces
    @Singleton
    JwtVerifier verifier(IdentityConfig identity, TokenConfig config, TokenKeys keys, RevocationList revocations,
            Clock clock) {
        List<TrustedIssuer> issuers = new ArrayList<>(IdentityBeans.externalIssuers(identity));
        KeyRing ring = keys.ring();
        issuers.add(new TrustedIssuer(config.issuer(), TrustedIssuer.GATEHOUSE, null, Set.of(config.audience()),
                pinnedAlgorithms(ring), kid -> ring.verificationKey(kid, clock.instant())));
        VerifierLimits limits = new VerifierLimits(identity.maxTokenBytes(), identity.maxDepth(),
                identity.clockSkew());
        return new JwtVerifier(issuers, limits, clock, revocations::isRevoked);
    }

    /** Gatehouse's own tokens verify only with the algorithms of its own keys (ES256 for managed keys). */
    private static Set<String> pinnedAlgorithms(KeyRing ring) {
        Set<String> algorithms = new java.util.HashSet<>();
        ring.all().forEach(key -> algorithms.add(key.algorithm()));
        if (ring.managed() || algorithms.isEmpty()) {
            algorithms.add("ES256");
        }
        return algorithms;
    }

    @Produces
    @Singleton
    TokenExchange exchange(JwtVerifier verifier, TokenKeys keys, TokenConfig config, DecisionService decisions,
            Instance<AuditSink> audit, Clock clock, io.gatehouse.elevation.ElevationService elevationService) {
        if (config.defaultLifetime().isNegative() || config.defaultLifetime().isZero()
                || config.maxLifetime().compareTo(config.defaultLifetime()) < 0) {
            throw new IllegalStateException("gatehouse.token.default-lifetime must be positive and at most"
                    + " gatehouse.token.max-lifetime");
        }
        java.util.function.BiFunction<io.gatehouse.decision.DecisionQuery, DecisionService.PrivilegeGate,
                io.gatehouse.decision.DecisionOutcome> gated = decisions::decide;
        return new TokenExchange(verifier, new TokenIssuer(config.issuer(), keys.ring()), gated,
                audit.isResolvable() ? audit.get() : null, clock, config.defaultLifetime(), config.maxLifetime(),
                elevationLink(elevationService));
    }

    private static ElevationLink elevationLink(io.gatehouse.elevation.ElevationService elevations) {
        return new ElevationLink() {
            @Override
            public java.util.Optional<com.fasterxml.jackson.databind.JsonNode> active(
                    io.gatehouse.identity.VerifiedPrincipal subject, String audience) {
                return elevations.activeFor(subject, "token.exchange",
                        com.fasterxml.jackson.databind.node.TextNode.valueOf(audience));
            }

            @Override
            public void issuedUnder(String elevationId, String jti, java.time.Instant expiresAt) throws Exception {
                elevations.recordIssuedToken(elevationId, jti, expiresAt);
            }
        };
    }
}
