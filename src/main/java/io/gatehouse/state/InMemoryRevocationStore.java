package io.gatehouse.state;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The single-node revocation list. Entries leave once the token they name has expired. A full list refuses the
 * revocation with {@link StateUnavailableException} rather than dropping an entry, so that the caller learns the
 * token is still valid.
 */
public final class InMemoryRevocationStore implements RevocationStore {

    private final ConcurrentHashMap<String, Instant> revoked = new ConcurrentHashMap<>();
    private final int capacity;
    private final Clock clock;

    public InMemoryRevocationStore(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void revoke(String jti, Instant expiresAt) throws StateUnavailableException {
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (revoked.size() >= capacity) {
            purgeExpired();
        }
        if (revoked.size() >= capacity && !revoked.containsKey(jti)) {
            throw new StateUnavailableException("revocation list is full (" + capacity + " entries)", null);
        }
        revoked.merge(jti, expiresAt, (left, right) -> left.isAfter(right) ? left : right);
    }

    @Override
    public boolean isRevoked(String jti) {
        Instant expiresAt = revoked.get(Objects.requireNonNull(jti, "jti"));
        return expiresAt != null && !clock.instant().isAfter(expiresAt);
    }

    /** Drops entries whose token has expired. */
    public void purgeExpired() {
        Instant now = clock.instant();
        revoked.entrySet().removeIf(entry -> now.isAfter(entry.getValue()));
    }
}
