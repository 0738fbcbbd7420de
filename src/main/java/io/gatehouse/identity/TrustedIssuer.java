package io.gatehouse.identity;

import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An issuer whose bearer tokens Gatehouse accepts.
 *
 * @param issuer the exact {@code iss} value
 * @param kind what its tokens prove: {@code kubernetes}, {@code jwt-svid} or {@code gatehouse}
 * @param trustDomain for {@code jwt-svid}, the trust domain whose subjects it may vouch for; else null
 * @param audiences the audiences a token must name at least one of; never empty
 * @param algorithms the signature algorithms pinned for this issuer, e.g. {@code ES256}; never from the token
 * @param keys resolves a {@code kid} to the issuer's verification key
 */
public record TrustedIssuer(
        String issuer, String kind, String trustDomain, Set<String> audiences, Set<String> algorithms,
        KeyResolver keys) {

    public static final String KUBERNETES = "kubernetes";
    public static final String JWT_SVID = "jwt-svid";
    public static final String GATEHOUSE = "gatehouse";

    public TrustedIssuer {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(keys, "keys");
        audiences = Set.copyOf(audiences);
        algorithms = Set.copyOf(algorithms);
        if (!Set.of(KUBERNETES, JWT_SVID, GATEHOUSE).contains(kind)) {
            throw new IllegalArgumentException("issuer \"" + issuer + "\": unknown kind \"" + kind
                    + "\", expected kubernetes, jwt-svid or gatehouse");
        }
        if (audiences.isEmpty()) {
            throw new IllegalArgumentException("issuer \"" + issuer + "\": the expected audience set is empty"
                    + "\nhint: a verifier without an audience would accept tokens minted for any service");
        }
        if (algorithms.isEmpty() || !SignatureCheck.SUPPORTED.containsAll(algorithms)) {
            throw new IllegalArgumentException("issuer \"" + issuer + "\": algorithms " + algorithms
                    + " must be a non-empty subset of " + SignatureCheck.SUPPORTED);
        }
        if (JWT_SVID.equals(kind) && trustDomain == null) {
            throw new IllegalArgumentException("issuer \"" + issuer + "\": a jwt-svid issuer needs a trust domain");
        }
    }

    /** Finds verification keys by {@code kid}. */
    @FunctionalInterface
    public interface KeyResolver {
        Optional<PublicKey> find(String kid);
    }
}
