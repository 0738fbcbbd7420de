package io.gatehouse.identity;

import java.util.Map;
import java.util.Objects;

/**
 * An identity Gatehouse verified cryptographically: from an mTLS client certificate, a Kubernetes service-account
 * token, a SPIFFE JWT-SVID or a Gatehouse token. Only verified principals reach {@code input.principal} and
 * {@code input.peer}; identity fields sent in a request body never do.
 *
 * @param subject the subject: a SPIFFE ID, {@code system:serviceaccount:NS:NAME}, or a token's {@code sub}
 * @param kind how it was proven: {@code x509-svid}, {@code jwt-svid}, {@code kubernetes}, {@code gatehouse}
 * @param issuer the token issuer or trust domain that vouched for it
 * @param spiffeId the SPIFFE ID when there is one, else null
 * @param claims the verified claims worth showing to policies (no signature material), possibly empty
 * @param actor the next link of a delegation chain ({@code act}), or null
 */
public record VerifiedPrincipal(
        String subject, String kind, String issuer, String spiffeId, Map<String, Object> claims,
        VerifiedPrincipal actor) {

    public VerifiedPrincipal {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(kind, "kind");
        claims = claims == null ? Map.of() : Map.copyOf(claims);
    }
}
