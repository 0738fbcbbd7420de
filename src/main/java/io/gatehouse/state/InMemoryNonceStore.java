package io.gatehouse.state;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The single-node nonce store: a bounded map from nonce to expiry.
 *
 * <p>It is deliberately not a cache. A cache evicts the oldest entry when it is full, and an evicted nonce that is
 * still inside its window could be replayed. Here a full store first purges the expired nonces and, if none has
 * expired, refuses the new one ({@link PutResult#FULL}). The capacity is enforced with a reservation counter taken
 * before the insert, so that concurrent inserts cannot overshoot it.
 */
public final class InMemoryNonceStore implements NonceStore {

    private final ConcurrentHashMap<String, Instant> nonces = new ConcurrentHashMap<>();
    private final AtomicInteger reserved = new AtomicInteger();
    private final int capacity;
    private final Clock clock;

    public InMemoryNonceStore(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("nonce store capacity must be at least 1, given " + capacity);
        }
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public PutResult putIfAbsent(String nonce, Instant expiresAt) {
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Instant now = clock.instant();
        if (isLive(nonces.get(nonce), now)) {
            return PutResult.REPLAYED;
        }
        if (!reserve(now)) {
            return PutResult.FULL;
        }
        return insert(nonce, expiresAt, now);
    }

    @Override
    public void ping() {
        // always answers
    }

    /** Removes every nonce whose window has closed; the scheduler calls it, and a full store before refusing. */
    public int purgeExpired() {
        return purgeExpired(clock.instant());
    }

    /** The number of nonces held, live or not yet purged. */
    public int size() {
        return reserved.get();
    }

    private PutResult insert(String nonce, Instant expiresAt, Instant now) {
        PutResult[] result = new PutResult[1];
        boolean[] slotUsed = {false};
        nonces.compute(nonce, (key, previous) -> {
            if (isLive(previous, now)) {
                result[0] = PutResult.REPLAYED;
                return previous;
            }
            result[0] = PutResult.ACCEPTED;
            // overwriting an expired, not yet purged entry reuses that entry's slot
            slotUsed[0] = previous == null;
            return expiresAt;
        });
        if (!slotUsed[0]) {
            reserved.decrementAndGet();
        }
        return result[0];
    }

    private boolean reserve(Instant now) {
        if (tryReserve()) {
            return true;
        }
        purgeExpired(now);
        return tryReserve();
    }

    private boolean tryReserve() {
        int current;
        do {
            current = reserved.get();
            if (current >= capacity) {
                return false;
            }
        } while (!reserved.compareAndSet(current, current + 1));
        return true;
    }

    private int purgeExpired(Instant now) {
        int purged = 0;
        for (var entry : nonces.entrySet()) {
            if (!isLive(entry.getValue(), now) && nonces.remove(entry.getKey(), entry.getValue())) {
                reserved.decrementAndGet();
                purged++;
            }
        }
        return purged;
    }

    /** A nonce is live up to and including its expiry instant. */
    private static boolean isLive(Instant expiresAt, Instant now) {
        return expiresAt != null && !now.isAfter(expiresAt);
    }
}
