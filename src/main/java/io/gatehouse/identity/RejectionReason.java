package io.gatehouse.identity;

import java.util.Locale;

/**
 * Why a credential was refused. The set is fixed so that it can label metrics ({@code reason}) without carrying
 * request values; each verification step fails with its own reason.
 */
public enum RejectionReason {
    /** The token is larger than the configured limit. */
    OVERSIZE,
    /** Not a JWS in compact serialization, bad base64url or JSON, or a claim of the wrong type. */
    MALFORMED,
    /** The header or claims nest deeper than the configured limit. */
    TOO_DEEP,
    /** The header's {@code alg} is not the algorithm configured for the issuer ({@code none}, HS*, ...). */
    ALGORITHM_NOT_ALLOWED,
    /** The header names a critical extension we do not implement, or a {@code typ} we do not accept. */
    UNSUPPORTED_HEADER,
    /** No configured issuer has this {@code iss}. */
    UNTRUSTED_ISSUER,
    /** The {@code kid} is missing or not among the issuer's keys. */
    UNKNOWN_KEY,
    /** The signature does not verify, or is degenerate (ECDSA r=0 or s=0, out of range). */
    BAD_SIGNATURE,
    /** The token has no {@code aud}. */
    MISSING_AUDIENCE,
    /** None of the token's audiences is expected. */
    WRONG_AUDIENCE,
    /** The token has expired, beyond the allowed clock skew, or has no {@code exp}. */
    EXPIRED,
    /** {@code nbf} or {@code iat} lies in the future beyond the allowed clock skew. */
    NOT_YET_VALID,
    /** {@code sub} is missing or does not have the form the issuer's kind requires. */
    BAD_SUBJECT,
    /** The token's {@code jti} was revoked. */
    REVOKED,
    /** A certificate is not a valid X.509-SVID (URI SANs, CA flag, key usage, SPIFFE ID form). */
    BAD_CERTIFICATE,
    /** The certificate's trust domain has no configured bundle. */
    UNTRUSTED_TRUST_DOMAIN,
    /** The certificate chain does not validate against its trust domain's bundle. */
    UNTRUSTED_CERTIFICATE,
    /** A forwarded certificate came from a caller that is not a trusted sidecar. */
    UNTRUSTED_FORWARDER;

    /** The metric label and API form: lowercase with underscores, e.g. {@code wrong_audience}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
