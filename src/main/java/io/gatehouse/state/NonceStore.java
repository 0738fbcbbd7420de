package io.gatehouse.state;

import java.time.Instant;

/**
 * Remembers the nonces of accepted proofs until their acceptance window has closed, so that each is used once.
 *
 * <p>invariant: a nonce stays in the store until {@code expiresAt}; a full store refuses new nonces and never
 * evicts a live one, because forgetting a live nonce would let its proof be replayed.
 */
public interface NonceStore {

    /** What {@link #putIfAbsent} did. */
    enum PutResult {
        /** The nonce was new and is now remembered until its expiry. */
        ACCEPTED,
        /** The nonce was already remembered: the request is a replay. */
        REPLAYED,
        /** The store holds as many live nonces as it may; the nonce was not remembered. */
        FULL
    }

    /**
     * Atomically remembers {@code nonce} until {@code expiresAt} unless it is already remembered. Of any number of
     * concurrent calls with one nonce, exactly one returns {@link PutResult#ACCEPTED}.
     *
     * @throws StateUnavailableException when the store cannot answer
     */
    PutResult putIfAbsent(String nonce, Instant expiresAt) throws StateUnavailableException;

    /** Checks that the store can answer; readiness reports it. */
    void ping() throws StateUnavailableException;
}
