package io.gatehouse.state;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Nonces in Redis, shared by every replica: {@code SET key 1 NX PX ttl} is the atomic set-if-absent, and the TTL
 * makes Redis forget a nonce only after its window has closed.
 *
 * <p>The TTL is relative ({@code PX}) and computed from Gatehouse's clock, so a Redis host whose clock drifts cannot
 * shorten retention. Capacity is Redis's: configured with {@code maxmemory} and the {@code noeviction} policy, a full
 * Redis answers {@code OOM} and the nonce is refused ({@link PutResult#FULL}); an evicting policy would break the
 * retention guarantee and is documented as unsupported.
 */
public final class RedisNonceStore implements NonceStore {

    private final RedisGateway redis;
    private final Clock clock;

    public RedisNonceStore(RedisGateway redis, Clock clock) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public PutResult putIfAbsent(String nonce, Instant expiresAt) throws StateUnavailableException {
        Objects.requireNonNull(nonce, "nonce");
        long ttlMillis = Math.max(1, Duration.between(clock.instant(), expiresAt).toMillis() + 1);
        String key = redis.key("nonce:" + nonce);
        try {
            var reply = redis.send("SET", key, "1", "NX", "PX", Long.toString(ttlMillis));
            return reply == null ? PutResult.REPLAYED : PutResult.ACCEPTED;
        } catch (StoreFullException full) {
            // a full Redis refuses every SET, even one NX would turn down; EXISTS still answers, so a replay is
            // still named a replay
            var exists = redis.send("EXISTS", key);
            return exists != null && exists.toLong() > 0 ? PutResult.REPLAYED : PutResult.FULL;
        }
    }

    @Override
    public void ping() throws StateUnavailableException {
        redis.send("PING");
    }
}
