package io.gatehouse.state;

import java.time.Instant;

/** Token ids ({@code jti}) revoked before their expiry, shared by every replica. */
public interface RevocationStore {

    /**
     * Marks a token id revoked until {@code expiresAt}, the token's own expiry, after which it would be refused anyway.
     *
     * @throws StateUnavailableException when the store cannot record it
     */
    void revoke(String jti, Instant expiresAt) throws StateUnavailableException;

    /**
     * Whether a token id is revoked.
     *
     * @throws StateUnavailableException when the store cannot answer; callers treat the token as revoked
     */
    boolean isRevoked(String jti) throws StateUnavailableException;
}
