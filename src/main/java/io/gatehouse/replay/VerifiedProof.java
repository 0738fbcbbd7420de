package io.gatehouse.replay;

import java.time.Instant;
import java.util.Objects;

/**
 * A proof whose signature, request binding and time window checked out; its nonce is not yet consumed.
 *
 * @param nonce the {@code jti}
 * @param issuedAt the {@code iat}
 * @param keyThumbprint the RFC 7638 SHA-256 thumbprint of the proof key, base64url
 * @param retainUntil the last instant the proof could be accepted; the nonce is kept at least until then
 */
public record VerifiedProof(String nonce, Instant issuedAt, String keyThumbprint, Instant retainUntil) {

    public VerifiedProof {
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(keyThumbprint, "keyThumbprint");
        Objects.requireNonNull(retainUntil, "retainUntil");
    }
}
