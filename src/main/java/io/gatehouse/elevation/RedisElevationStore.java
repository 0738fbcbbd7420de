package io.gatehouse.elevation;

import io.gatehouse.state.RedisGateway;
import io.gatehouse.state.StateUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Elevation records in Redis, so that every replica sees an approval or a revocation at once: there is no local
 * copy to go stale. A record is one JSON string with a TTL of expiry plus retention; two sets index the ids (all, and
 * per principal) and lose their dead members lazily.
 */
public final class RedisElevationStore implements ElevationStore {

    /** Compare-and-set in one round trip: Redis runs a script atomically. */
    private static final String COMPARE_AND_SET = "if redis.call('GET', KEYS[1]) == ARGV[1] then "
            + "redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 else return 0 end";

    private final RedisGateway redis;
    private final Duration retention;
    private final Clock clock;

    public RedisElevationStore(RedisGateway redis, Duration retention, Clock clock) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void create(Elevation elevation) throws StateUnavailableException {
        var reply = redis.send("SET", recordKey(elevation.id()), ElevationJson.write(elevation), "NX", "PX",
                ttl(elevation));
        if (reply == null) {
            throw new IllegalStateException("elevation id collision");
        }
        redis.send("SADD", redis.key("elevations:all"), elevation.id());
        redis.send("SADD", principalKey(elevation.principal()), elevation.id());
    }

    @Override
    public Optional<Elevation> find(String id) throws StateUnavailableException {
        var reply = redis.send("GET", recordKey(id));
        return reply == null ? Optional.empty() : Optional.of(ElevationJson.read(reply.toString()));
    }

    @Override
    public boolean replace(Elevation expected, Elevation updated) throws StateUnavailableException {
        var reply = redis.send("EVAL", COMPARE_AND_SET, "1", recordKey(expected.id()), ElevationJson.write(expected),
                ElevationJson.write(updated), ttl(updated));
        return reply != null && reply.toLong() == 1;
    }

    @Override
    public List<Elevation> forPrincipal(String principal) throws StateUnavailableException {
        return load(principalKey(principal));
    }

    @Override
    public List<Elevation> all() throws StateUnavailableException {
        return load(redis.key("elevations:all"));
    }

    private List<Elevation> load(String indexKey) throws StateUnavailableException {
        List<String> ids = RedisGateway.strings(redis.send("SMEMBERS", indexKey));
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> values = RedisGateway.strings(redis.send("MGET", ids.stream().map(this::recordKey)
                .toArray(String[]::new)));
        List<Elevation> found = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (values.get(i) == null) {
                redis.send("SREM", indexKey, ids.get(i));
            } else {
                found.add(ElevationJson.read(values.get(i)));
            }
        }
        return found;
    }

    private String ttl(Elevation elevation) {
        long millis = Duration.between(clock.instant(), elevation.expiresAt().plus(retention)).toMillis();
        return Long.toString(Math.max(1, millis));
    }

    private String recordKey(String id) {
        return redis.key("elevation:" + id);
    }

    private String principalKey(String principal) {
        return redis.key("elevations:principal:" + principal);
    }
}
