package io.gatehouse.identity;

import static io.gatehouse.identity.RejectionReason.ALGORITHM_NOT_ALLOWED;
import static io.gatehouse.identity.RejectionReason.BAD_SUBJECT;
import static io.gatehouse.identity.RejectionReason.EXPIRED;
import static io.gatehouse.identity.RejectionReason.MALFORMED;
import static io.gatehouse.identity.RejectionReason.MISSING_AUDIENCE;
import static io.gatehouse.identity.RejectionReason.NOT_YET_VALID;
import static io.gatehouse.identity.RejectionReason.OVERSIZE;
import static io.gatehouse.identity.RejectionReason.REVOKED;
import static io.gatehouse.identity.RejectionReason.TOO_DEEP;
import static io.gatehouse.identity.RejectionReason.UNKNOWN_KEY;
import static io.gatehouse.identity.RejectionReason.UNSUPPORTED_HEADER;
import static io.gatehouse.identity.RejectionReason.UNTRUSTED_ISSUER;
import static io.gatehouse.identity.RejectionReason.WRONG_AUDIENCE;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Verifies bearer JWTs in named steps, each failing with its own {@link RejectionReason}.
 *
 * <p>The order matters. Size and structure come first so that nothing large or malformed is decoded. The algorithm
 * is checked against the configuration before any key is touched, so {@code none} and HMAC never reach a verifier.
 * Claims are parsed with a depth bound before use; the unverified {@code iss} only selects which configured keys to
 * try, and everything else is read from the claims only after the signature verified.
 *
 * <p>Header parameters that point at keys ({@code jku}, {@code x5u}, {@code jwk}, {@code x5c}) are never read:
 * keys come from configuration only, so a token cannot name the key that verifies it, and no request made while
 * verifying a token ever leaves the process.
 */
public final class JwtVerifier {

    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");
    private static final Pattern SERVICE_ACCOUNT = Pattern.compile("system:serviceaccount:[a-z0-9.-]+:[a-z0-9.-]+");
    private static final Set<String> ACCEPTED_TYPES = Set.of("jwt", "jose", "at+jwt", "application/at+jwt");
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(JSON);

    private final Map<String, TrustedIssuer> issuers;
    private final Set<String> anyAlgorithm;
    private final VerifierLimits limits;
    private final Clock clock;
    private final Predicate<String> revoked;

    /**
     * @param issuers the trusted issuers; their {@code iss} values must differ
     * @param revoked tells whether a Gatehouse token's {@code jti} is revoked
     */
    public JwtVerifier(List<TrustedIssuer> issuers, VerifierLimits limits, Clock clock, Predicate<String> revoked) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.revoked = Objects.requireNonNull(revoked, "revoked");
        this.issuers = new LinkedHashMap<>();
        Set<String> algorithms = new HashSet<>();
        for (TrustedIssuer issuer : issuers) {
            if (this.issuers.put(issuer.issuer(), issuer) != null) {
                throw new IllegalArgumentException("issuer \"" + issuer.issuer() + "\" is configured twice");
            }
            algorithms.addAll(issuer.algorithms());
        }
        this.anyAlgorithm = Set.copyOf(algorithms);
    }

    /** Runs every step on {@code token} (without a {@code Bearer } prefix). */
    public VerifiedToken verify(String token) throws CredentialRejectedException {
        return verify(token, false);
    }

    /**
     * Verifies one of Gatehouse's own tokens for revocation (RFC 7009): every step runs, but any audience is
     * accepted, since the holder of a token for any audience may revoke it.
     */
    public VerifiedToken verifyForRevocation(String token) throws CredentialRejectedException {
        VerifiedToken verified = verify(token, true);
        if (!TrustedIssuer.GATEHOUSE.equals(verified.issuer().kind())) {
            throw new CredentialRejectedException(UNTRUSTED_ISSUER, "only Gatehouse tokens can be revoked here");
        }
        return verified;
    }

    private VerifiedToken verify(String token, boolean anyAudience) throws CredentialRejectedException {
        Objects.requireNonNull(token, "token");
        checkSize(token);
        String[] parts = splitCompact(token);
        ObjectNode header = decodeObject(parts[0], "header");
        String algorithm = checkAlgorithmConfigured(header);
        checkHeaderParameters(header);
        ObjectNode claims = decodeObject(parts[1], "claims");
        TrustedIssuer issuer = selectIssuer(claims);
        checkAlgorithmPinned(issuer, algorithm);
        PublicKey key = resolveKey(issuer, header);
        checkSignature(algorithm, key, parts);
        checkAudience(issuer, claims, anyAudience);
        Instant expiresAt = checkLifetime(claims);
        VerifiedPrincipal principal = checkSubject(issuer, claims);
        checkNotRevoked(issuer, claims);
        return new VerifiedToken(issuer, claims, principal, expiresAt);
    }

    /** Step 1: bound the work before decoding anything. */
    private void checkSize(String token) throws CredentialRejectedException {
        if (token.length() > limits.maxTokenBytes()) {
            throw new CredentialRejectedException(OVERSIZE, "the token has " + token.length()
                    + " characters, the limit is " + limits.maxTokenBytes());
        }
    }

    /** Step 2: JWS compact serialization only; JWE (5 parts) and JSON serialization are refused. */
    private static String[] splitCompact(String token) throws CredentialRejectedException {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new CredentialRejectedException(MALFORMED, "expected a JWS in compact serialization (3 parts), got "
                    + parts.length + " parts");
        }
        for (String part : parts) {
            if (!BASE64URL.matcher(part).matches()) {
                throw new CredentialRejectedException(MALFORMED, "a token part is not unpadded base64url");
            }
        }
        return parts;
    }

    /** Steps 3 and 6: decode a JSON object after checking its nesting depth in a streaming pass. */
    private ObjectNode decodeObject(String part, String what) throws CredentialRejectedException {
        byte[] json;
        try {
            json = Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new CredentialRejectedException(MALFORMED, "the " + what + " is not base64url");
        }
        checkDepth(json, what);
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node instanceof ObjectNode) {
                return (ObjectNode) node;
            }
        } catch (IOException e) {
            throw new CredentialRejectedException(MALFORMED, "the " + what + " is not a JSON object");
        }
        throw new CredentialRejectedException(MALFORMED, "the " + what + " is not a JSON object");
    }

    private void checkDepth(byte[] json, String what) throws CredentialRejectedException {
        try (JsonParser parser = JSON.createParser(json)) {
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token.isStructStart() && ++depth > limits.maxDepth()) {
                    throw new CredentialRejectedException(TOO_DEEP, "the " + what + " nest deeper than "
                            + limits.maxDepth() + " levels");
                }
                if (token.isStructEnd()) {
                    depth--;
                }
            }
        } catch (IOException e) {
            throw new CredentialRejectedException(MALFORMED, "the " + what + " is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Step 4: {@code alg} must be one some issuer is configured with: {@code none} and HMAC never pass. */
    private String checkAlgorithmConfigured(ObjectNode header) throws CredentialRejectedException {
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual() || !anyAlgorithm.contains(alg.asText())) {
            throw new CredentialRejectedException(ALGORITHM_NOT_ALLOWED, "algorithm "
                    + (alg == null ? "missing" : alg.toString()) + " is not configured for any issuer");
        }
        return alg.asText();
    }

    /**
     * Step 5: refuse critical extensions (we implement none) and unexpected types. {@code jku}, {@code x5u},
     * {@code jwk} and {@code x5c} are deliberately not read here or anywhere else.
     */
    private static void checkHeaderParameters(ObjectNode header) throws CredentialRejectedException {
        if (header.has("crit")) {
            throw new CredentialRejectedException(UNSUPPORTED_HEADER, "critical header extensions are not supported");
        }
        JsonNode typ = header.get("typ");
        if (typ != null && (!typ.isTextual() || !ACCEPTED_TYPES.contains(typ.asText().toLowerCase(Locale.ROOT)))) {
            throw new CredentialRejectedException(UNSUPPORTED_HEADER, "header typ " + typ + " is not accepted");
        }
    }

    /** Step 7: the (still unverified) {@code iss} selects which configured issuer's keys are tried. */
    private TrustedIssuer selectIssuer(ObjectNode claims) throws CredentialRejectedException {
        JsonNode iss = claims.get("iss");
        if (iss == null || !iss.isTextual()) {
            throw new CredentialRejectedException(UNTRUSTED_ISSUER, "the token has no iss");
        }
        TrustedIssuer issuer = issuers.get(iss.asText());
        if (issuer == null) {
            throw new CredentialRejectedException(UNTRUSTED_ISSUER, "issuer \"" + iss.asText() + "\" is not trusted");
        }
        return issuer;
    }

    /** Step 8: the algorithm must be the one pinned for this issuer, not merely one some issuer uses. */
    private static void checkAlgorithmPinned(TrustedIssuer issuer, String algorithm)
            throws CredentialRejectedException {
        if (!issuer.algorithms().contains(algorithm)) {
            throw new CredentialRejectedException(ALGORITHM_NOT_ALLOWED, "issuer \"" + issuer.issuer()
                    + "\" signs with " + issuer.algorithms() + ", not \"" + algorithm + "\"");
        }
    }

    /** Step 9: the {@code kid} must name one of the issuer's configured keys. */
    private static PublicKey resolveKey(TrustedIssuer issuer, ObjectNode header) throws CredentialRejectedException {
        JsonNode kid = header.get("kid");
        if (kid == null || !kid.isTextual()) {
            throw new CredentialRejectedException(UNKNOWN_KEY, "the token header has no kid");
        }
        return issuer.keys().find(kid.asText()).orElseThrow(() -> new CredentialRejectedException(UNKNOWN_KEY,
                "key \"" + kid.asText() + "\" is not among the keys of issuer \"" + issuer.issuer() + "\""));
    }

    /** Step 10: the signature over the first two parts, including the degenerate-ECDSA check. */
    private static void checkSignature(String algorithm, PublicKey key, String[] parts)
            throws CredentialRejectedException {
        byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        SignatureCheck.verify(algorithm, key, signingInput, Base64.getUrlDecoder().decode(parts[2]));
    }

    /** Step 11: {@code aud} must be present and name one of the issuer's expected audiences. */
    private static void checkAudience(TrustedIssuer issuer, ObjectNode claims, boolean anyAudience)
            throws CredentialRejectedException {
        List<String> audiences = audiences(claims);
        if (audiences.isEmpty()) {
            throw new CredentialRejectedException(MISSING_AUDIENCE, "the token has no aud");
        }
        if (!anyAudience && audiences.stream().noneMatch(issuer.audiences()::contains)) {
            throw new CredentialRejectedException(WRONG_AUDIENCE, "none of the token's audiences is expected");
        }
    }

    /** The {@code aud} claim as a list, accepting the string and the array form. */
    public static List<String> audiences(JsonNode claims) throws CredentialRejectedException {
        JsonNode aud = claims.get("aud");
        List<String> audiences = new ArrayList<>();
        if (aud == null || aud.isNull()) {
            return audiences;
        }
        if (aud.isTextual()) {
            audiences.add(aud.asText());
            return audiences;
        }
        if (!aud.isArray()) {
            throw new CredentialRejectedException(MALFORMED, "aud must be a string or an array of strings");
        }
        for (JsonNode element : aud) {
            if (!element.isTextual()) {
                throw new CredentialRejectedException(MALFORMED, "aud must be a string or an array of strings");
            }
            audiences.add(element.asText());
        }
        return audiences;
    }

    /**
     * Step 12: {@code exp} is required; {@code exp}, {@code nbf} and {@code iat} are compared with the clock with
     * the configured skew, which is bounded, so the check is never skipped.
     */
    private Instant checkLifetime(ObjectNode claims) throws CredentialRejectedException {
        Instant now = clock.instant();
        Duration skew = limits.clockSkew();
        Instant exp = numericDate(claims, "exp");
        if (exp == null) {
            throw new CredentialRejectedException(EXPIRED, "the token has no exp");
        }
        if (now.isAfter(exp.plus(skew))) {
            throw new CredentialRejectedException(EXPIRED, "the token expired at " + exp);
        }
        Instant nbf = numericDate(claims, "nbf");
        if (nbf != null && now.plus(skew).isBefore(nbf)) {
            throw new CredentialRejectedException(NOT_YET_VALID, "the token is not valid before " + nbf);
        }
        Instant iat = numericDate(claims, "iat");
        if (iat != null && now.plus(skew).isBefore(iat)) {
            throw new CredentialRejectedException(NOT_YET_VALID, "the token was issued in the future, at " + iat);
        }
        return exp;
    }

    private static Instant numericDate(ObjectNode claims, String name) throws CredentialRejectedException {
        JsonNode value = claims.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || !value.canConvertToLong()) {
            throw new CredentialRejectedException(MALFORMED, name + " must be a NumericDate (seconds)");
        }
        return Instant.ofEpochSecond(value.asLong());
    }

    /** Step 13: the subject must have the form the issuer's kind promises. */
    private VerifiedPrincipal checkSubject(TrustedIssuer issuer, ObjectNode claims)
            throws CredentialRejectedException {
        JsonNode sub = claims.get("sub");
        if (sub == null || !sub.isTextual() || sub.asText().isEmpty()) {
            throw new CredentialRejectedException(BAD_SUBJECT, "the token has no sub");
        }
        String subject = sub.asText();
        Map<String, Object> visible = MAPPER.convertValue(claims, Map.class);
        switch (issuer.kind()) {
            case TrustedIssuer.KUBERNETES:
                if (!SERVICE_ACCOUNT.matcher(subject).matches()) {
                    throw new CredentialRejectedException(BAD_SUBJECT, "sub is not a service account");
                }
                return new VerifiedPrincipal(subject, issuer.kind(), issuer.issuer(), null, visible, null);
            case TrustedIssuer.JWT_SVID:
                SpiffeId id = SpiffeId.parse(subject).filter(SpiffeId::isWorkload).orElseThrow(() ->
                        new CredentialRejectedException(BAD_SUBJECT, "sub is not a workload SPIFFE ID"));
                if (!id.trustDomain().equals(issuer.trustDomain())) {
                    throw new CredentialRejectedException(BAD_SUBJECT, "issuer \"" + issuer.issuer()
                            + "\" may not vouch for trust domain \"" + id.trustDomain() + "\"");
                }
                return new VerifiedPrincipal(subject, issuer.kind(), issuer.issuer(), subject, visible, null);
            default:
                String spiffe = SpiffeId.parse(subject).map(SpiffeId::toString).orElse(null);
                return new VerifiedPrincipal(subject, issuer.kind(), issuer.issuer(), spiffe, visible,
                        actor(claims.get("act")));
        }
    }

    /** The {@code act} chain of a Gatehouse token; its depth is already bounded by the nesting step. */
    private static VerifiedPrincipal actor(JsonNode act) throws CredentialRejectedException {
        if (act == null || act.isNull()) {
            return null;
        }
        if (!act.isObject() || !act.path("sub").isTextual()) {
            throw new CredentialRejectedException(MALFORMED, "act must be an object with a sub");
        }
        String subject = act.get("sub").asText();
        String issuer = act.path("iss").isTextual() ? act.get("iss").asText() : null;
        String spiffe = SpiffeId.parse(subject).map(SpiffeId::toString).orElse(null);
        return new VerifiedPrincipal(subject, "actor", issuer, spiffe, Map.of(), actor(act.get("act")));
    }

    /** Step 14: Gatehouse's own tokens carry a {@code jti}, refused once revoked. */
    private void checkNotRevoked(TrustedIssuer issuer, ObjectNode claims) throws CredentialRejectedException {
        if (!TrustedIssuer.GATEHOUSE.equals(issuer.kind())) {
            return;
        }
        JsonNode jti = claims.get("jti");
        if (jti == null || !jti.isTextual()) {
            throw new CredentialRejectedException(MALFORMED, "a Gatehouse token must carry a jti");
        }
        if (revoked.test(jti.asText())) {
            throw new CredentialRejectedException(REVOKED, "the token was revoked");
        }
    }
}
