package io.gatehouse.identity;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A bearer token that passed every verification step.
 *
 * @param issuer the configured issuer that vouched for it
 * @param claims the verified claims
 * @param principal who the token proves
 * @param expiresAt its {@code exp}
 */
public record VerifiedToken(TrustedIssuer issuer, JsonNode claims, VerifiedPrincipal principal, Instant expiresAt) {

    public VerifiedToken {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** The {@code jti}, or null. */
    public String jti() {
        JsonNode jti = claims.get("jti");
        return jti != null && jti.isTextual() ? jti.asText() : null;
    }
}
