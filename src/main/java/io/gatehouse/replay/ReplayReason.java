package io.gatehouse.replay;

import java.util.Locale;

/** Why a privileged request's proof was refused; the lowercase name is the metric label. */
public enum ReplayReason {
    /** The proof's nonce was seen before within its window. */
    REPLAYED,
    /** The proof's {@code iat} lies outside the acceptance window. */
    WINDOW,
    /** The nonce store is full of live nonces; retry later. */
    STORE_FULL,
    /** The proof is missing, malformed, badly signed, for another request, or not bound to the caller. */
    INVALID,
    /** The nonce store could not answer; the request fails closed. */
    UNAVAILABLE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
