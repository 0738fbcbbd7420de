package io.gatehouse.token;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;

/**
 * One signing key and its life: published in the JWKS from {@code publishedAt}, used to sign from
 * {@code activatesAt} until {@code signsUntil}, and kept in the JWKS until {@code retiresAt}, by which time every
 * token it signed has expired. {@link #toString()} never shows key material.
 */
public record SigningKey(
        String kid, String algorithm, PrivateKey privateKey, PublicKey publicKey,
        Instant publishedAt, Instant activatesAt, Instant signsUntil, Instant retiresAt) {

    public SigningKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(activatesAt, "activatesAt");
        Objects.requireNonNull(signsUntil, "signsUntil");
        Objects.requireNonNull(retiresAt, "retiresAt");
        if (publishedAt.isAfter(activatesAt) || !activatesAt.isBefore(signsUntil) || retiresAt.isBefore(signsUntil)) {
            throw new IllegalArgumentException("key \"" + kid + "\": its life must run published <= activates"
                    + " < signs-until <= retires");
        }
    }

    public boolean signsAt(Instant now) {
        return !now.isBefore(activatesAt) && now.isBefore(signsUntil);
    }

    public boolean publishedAt(Instant now) {
        return !now.isBefore(publishedAt) && now.isBefore(retiresAt);
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", algorithm=" + algorithm + ", activates=" + activatesAt
                + ", signsUntil=" + signsUntil + ", retires=" + retiresAt + "]";
    }
}
