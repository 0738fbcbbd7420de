package io.gatehouse.replay;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.JoseException;

/**
 * Verifies a DPoP-style proof JWT (RFC 9449 in shape) in named steps, each failing with its own message: size,
 * structure, pinned algorithm, type, embedded public key, signature, claims, request binding, time window.
 *
 * <p>It does not consume the nonce; {@link ReplayGuard} does that after the proof checks out, so that an invalid
 * proof can never fill the nonce store.
 */
public final class ProofVerifier {

    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_.~+/=-]+");

    private final ProofRules rules;
    private final Clock clock;

    public ProofVerifier(ProofRules rules, Clock clock) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ProofRules rules() {
        return rules;
    }

    /** Verifies {@code proof} for {@code request}; the nonce is not consumed. */
    public VerifiedProof verify(String proof, HttpRequestInfo request) throws ProofException {
        Objects.requireNonNull(request, "request");
        JsonWebSignature jws = parse(proof);
        PublicJsonWebKey key = checkHeader(jws);
        checkSignature(jws, key, proof);
        JwtClaims claims = claims(jws);
        String nonce = checkNonce(claims);
        checkRequest(claims, request);
        Instant issuedAt = checkWindow(claims);
        return new VerifiedProof(nonce, issuedAt, thumbprint(key), issuedAt.plus(rules.lifetime()).plus(rules.skew()));
    }

    private JsonWebSignature parse(String proof) throws ProofException {
        if (proof == null || proof.isBlank()) {
            throw invalid("proof is missing: send a signed proof JWT in the Gatehouse-Proof or DPoP header");
        }
        if (proof.length() > rules.maxProofLength()) {
            throw invalid("proof is " + proof.length() + " characters, the limit is " + rules.maxProofLength());
        }
        if (proof.chars().filter(c -> c == '.').count() != 2) {
            throw invalid("proof is not a compact JWS (three dot-separated parts)");
        }
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(new AlgorithmConstraints(
                    AlgorithmConstraints.ConstraintType.PERMIT, rules.algorithms().toArray(String[]::new)));
            jws.setCompactSerialization(proof);
            return jws;
        } catch (JoseException | RuntimeException malformed) {
            throw invalid("proof is not a well-formed JWS");
        }
    }

    private PublicJsonWebKey checkHeader(JsonWebSignature jws) throws ProofException {
        String algorithm = jws.getAlgorithmHeaderValue();
        if (algorithm == null || !rules.algorithms().contains(algorithm)) {
            throw invalid("proof algorithm '" + algorithm + "' is not one of " + rules.algorithms());
        }
        String type = jws.getHeader("typ");
        if (type == null || !rules.types().contains(type.toLowerCase(Locale.ROOT))) {
            throw invalid("proof type '" + type + "' is not one of " + rules.types());
        }
        return checkKey(jws, algorithm);
    }

    private static PublicJsonWebKey checkKey(JsonWebSignature jws, String algorithm) throws ProofException {
        PublicJsonWebKey key;
        try {
            key = jws.getJwkHeader();
        } catch (JoseException | RuntimeException malformed) {
            throw invalid("proof header 'jwk' is not a valid public key");
        }
        if (key == null) {
            throw invalid("proof header has no 'jwk': the proof must carry the caller's public key");
        }
        if (key.getPrivateKey() != null) {
            throw invalid("proof header 'jwk' contains private key material");
        }
        if (!keyFitsAlgorithm(key, algorithm)) {
            throw invalid("proof key type '" + key.getKeyType() + "' does not fit algorithm '" + algorithm + "'");
        }
        return key;
    }

    private static boolean keyFitsAlgorithm(PublicJsonWebKey key, String algorithm) {
        if ("ES256".equals(algorithm)) {
            return key instanceof EllipticCurveJsonWebKey ec && "P-256".equals(ec.getCurveName());
        }
        return key instanceof OctetKeyPairJsonWebKey okp && "Ed25519".equals(okp.getSubtype());
    }

    private static void checkSignature(JsonWebSignature jws, PublicJsonWebKey key, String proof)
            throws ProofException {
        if (degenerate(proof.substring(proof.lastIndexOf('.') + 1))) {
            throw invalid("proof signature is degenerate (all-zero half)");
        }
        try {
            jws.setKey(key.getPublicKey());
            if (!jws.verifySignature()) {
                throw invalid("proof signature does not verify with the key in its header");
            }
        } catch (JoseException | RuntimeException failed) {
            throw invalid("proof signature could not be verified");
        }
    }

    /** An ECDSA signature with r = 0 or s = 0, which some verifiers once accepted for any message. */
    private static boolean degenerate(String encodedSignature) throws ProofException {
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(encodedSignature);
        } catch (IllegalArgumentException malformed) {
            throw invalid("proof signature is not base64url");
        }
        int half = signature.length / 2;
        return signature.length == 0 || allZero(signature, 0, half) || allZero(signature, half, signature.length);
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static JwtClaims claims(JsonWebSignature jws) throws ProofException {
        try {
            return JwtClaims.parse(jws.getPayload());
        } catch (InvalidJwtException | JoseException | RuntimeException malformed) {
            throw invalid("proof payload is not a JSON object of claims");
        }
    }

    private String checkNonce(JwtClaims claims) throws ProofException {
        Object jti = claims.getClaimValue("jti");
        if (!(jti instanceof String nonce)) {
            throw invalid("proof claim 'jti' (the nonce) is missing or not a string");
        }
        if (nonce.length() < rules.minNonceLength() || nonce.length() > rules.maxNonceLength()) {
            throw invalid("proof claim 'jti' must be " + rules.minNonceLength() + " to " + rules.maxNonceLength()
                    + " characters, given " + nonce.length());
        }
        if (!NONCE.matcher(nonce).matches()) {
            throw invalid("proof claim 'jti' may hold only letters, digits and -_.~+/=");
        }
        return nonce;
    }

    private void checkRequest(JwtClaims claims, HttpRequestInfo request) throws ProofException {
        String method = stringClaim(claims, "htm");
        if (!method.equals(request.method())) {
            throw invalid("proof claim 'htm' is '" + method + "' but the request method is " + request.method());
        }
        String target = stringClaim(claims, "htu");
        String expected = normalize(expectedUri(request.uri()));
        if (!expected.equals(normalizeClaim(target))) {
            throw invalid("proof claim 'htu' is '" + target + "' but the request is for '" + expected + "'");
        }
        checkAccessTokenHash(claims, request.accessToken());
    }

    private static void checkAccessTokenHash(JwtClaims claims, String accessToken) throws ProofException {
        if (accessToken == null) {
            return;
        }
        Object hash = claims.getClaimValue("ath");
        if (!(hash instanceof String ath)) {
            throw invalid("proof claim 'ath' is missing: a request with a bearer credential must hash it in 'ath'");
        }
        if (!MessageDigest.isEqual(ath.getBytes(StandardCharsets.US_ASCII),
                accessTokenHash(accessToken).getBytes(StandardCharsets.US_ASCII))) {
            throw invalid("proof claim 'ath' does not match the request's bearer credential");
        }
    }

    private Instant checkWindow(JwtClaims claims) throws ProofException {
        Instant issuedAt = issuedAt(claims);
        Instant now = clock.instant();
        if (issuedAt.isAfter(now.plus(rules.skew()))) {
            throw new ProofException(ReplayReason.WINDOW, "proof 'iat' " + issuedAt + " is in the future beyond the "
                    + "allowed clock skew of " + rules.skew() + " (now " + now + ")");
        }
        Instant end = issuedAt.plus(rules.lifetime()).plus(rules.skew());
        if (now.isAfter(end)) {
            throw new ProofException(ReplayReason.WINDOW, "proof 'iat' " + issuedAt + " is too old: proofs are "
                    + "accepted for " + rules.lifetime() + " plus a clock skew of " + rules.skew()
                    + " (now " + now + ")");
        }
        return issuedAt;
    }

    private static Instant issuedAt(JwtClaims claims) throws ProofException {
        Object iat = claims.getClaimValue("iat");
        if (!(iat instanceof Number number)) {
            throw invalid("proof claim 'iat' is missing or not a number of seconds");
        }
        try {
            BigDecimal millis = new BigDecimal(number.toString()).movePointRight(3);
            return Instant.ofEpochMilli(millis.longValueExact());
        } catch (ArithmeticException | NumberFormatException | java.time.DateTimeException outOfRange) {
            throw invalid("proof claim 'iat' is out of range");
        }
    }

    private static String stringClaim(JwtClaims claims, String name) throws ProofException {
        try {
            String value = claims.getStringClaimValue(name);
            if (value == null) {
                throw invalid("proof claim '" + name + "' is missing");
            }
            return value;
        } catch (MalformedClaimException notString) {
            throw invalid("proof claim '" + name + "' is not a string");
        }
    }

    private URI expectedUri(URI requestUri) {
        return rules.externalBaseUri()
                .map(base -> base.resolve(requestUri.getRawPath() == null ? "/" : requestUri.getRawPath()))
                .orElse(requestUri);
    }

    private static String normalizeClaim(String target) throws ProofException {
        try {
            return normalize(new URI(target));
        } catch (java.net.URISyntaxException | IllegalArgumentException malformed) {
            throw invalid("proof claim 'htu' is not a URI");
        }
    }

    /** Scheme and host in lowercase, default port dropped, query and fragment dropped, empty path as "/". */
    static String normalize(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme)
                && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
    }

    /** {@code ath}: base64url of the SHA-256 of the ASCII access token, as RFC 9449 defines it. */
    public static String accessTokenHash(String accessToken) {
        try {
            byte[] ascii = accessToken.getBytes(StandardCharsets.US_ASCII);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ascii);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", impossible);
        }
    }

    private static String thumbprint(PublicJsonWebKey key) throws ProofException {
        try {
            return key.calculateBase64urlEncodedThumbprint("SHA-256");
        } catch (RuntimeException failed) {
            throw invalid("proof key thumbprint could not be computed");
        }
    }

    private static ProofException invalid(String message) {
        return new ProofException(ReplayReason.INVALID, message);
    }
}
