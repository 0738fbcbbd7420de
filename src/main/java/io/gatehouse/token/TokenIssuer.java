package io.gatehouse.token;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Builds and signs Gatehouse tokens with SmallRye JWT, always with the key ring's current signing key. */
public final class TokenIssuer {

    private final String issuer;
    private final KeyRing keys;

    public TokenIssuer(String issuer, KeyRing keys) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    public String issuer() {
        return issuer;
    }

    /** A signed token and what it says. */
    public record Signed(String token, String jti, String kid, Instant expiresAt) {
        @Override
        public String toString() {
            return "Signed[jti=" + jti + ", kid=" + kid + ", expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * Signs a token for {@code subject}.
     *
     * @param act the {@code act} claim (nested for chains), or null for no delegation
     * @param extra further claims, e.g. {@code client_id}
     * @throws KeyUnavailableException when no key may sign at {@code now}
     */
    public Signed sign(String subject, List<String> audiences, String scope, Map<String, Object> act,
            Map<String, Object> extra, Instant now, Instant expiresAt) throws KeyUnavailableException {
        SigningKey key = keys.signing(now);
        if (expiresAt.isAfter(key.retiresAt())) {
            throw new KeyUnavailableException("key \"" + key.kid() + "\" retires before the token would expire");
        }
        String jti = UUID.randomUUID().toString();
        JwtClaimsBuilder claims = Jwt.claims()
                .issuer(issuer)
                .subject(subject)
                .audience(new LinkedHashSet<>(audiences))
                .claim("scope", scope)
                .claim("jti", jti)
                .issuedAt(now.getEpochSecond())
                .expiresAt(expiresAt.getEpochSecond());
        extra.forEach(claims::claim);
        if (act != null) {
            claims.claim("act", act);
        }
        String token = claims.jws()
                .keyId(key.kid())
                .header("typ", "JWT")
                .algorithm(SignatureAlgorithm.fromAlgorithm(key.algorithm()))
                .sign(key.privateKey());
        return new Signed(token, jti, key.kid(), expiresAt);
    }
}
