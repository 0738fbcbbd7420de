package io.gatehouse.state;

/** The store refused a write because it is full (Redis answered {@code OOM} under {@code maxmemory noeviction}). */
public final class StoreFullException extends StateUnavailableException {

    public StoreFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
