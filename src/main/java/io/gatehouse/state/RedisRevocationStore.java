package io.gatehouse.state;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** Revoked token ids in Redis, each kept until the token's own expiry. */
public final class RedisRevocationStore implements RevocationStore {

    private final RedisGateway redis;
    private final Clock clock;

    public RedisRevocationStore(RedisGateway redis, Clock clock) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void revoke(String jti, Instant expiresAt) throws StateUnavailableException {
        long ttlMillis = Duration.between(clock.instant(), expiresAt).toMillis() + 1;
        if (ttlMillis <= 0) {
            return;
        }
        redis.send("SET", redis.key("revoked:" + Objects.requireNonNull(jti, "jti")), "1", "PX",
                Long.toString(ttlMillis));
    }

    @Override
    public boolean isRevoked(String jti) throws StateUnavailableException {
        var reply = redis.send("EXISTS", redis.key("revoked:" + Objects.requireNonNull(jti, "jti")));
        return reply != null && reply.toLong() > 0;
    }
}
