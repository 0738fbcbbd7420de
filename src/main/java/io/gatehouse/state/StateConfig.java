package io.gatehouse.state;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where Gatehouse keeps the state that several replicas must share: nonces, revocations and elevations. */
@ConfigMapping(prefix = "gatehouse.state")
public interface StateConfig {

    /** {@code memory} (one node, the default) or {@code redis} (replicas; needs {@code quarkus.redis.hosts}). */
    @WithDefault("memory")
    Backend backend();

    /** Settings of the in-memory stores. */
    Memory memory();

    /** Settings of the Redis stores. */
    Redis redis();

    enum Backend {
        MEMORY, REDIS
    }

    interface Memory {

        /** How many live nonces the in-memory store holds; when full it refuses new nonces instead of evicting. */
        @WithDefault("100000")
        int maxNonces();

        /** How many revoked token ids the in-memory store holds; when full a revocation fails loudly. */
        @WithDefault("100000")
        int maxRevocations();

        /** How often expired nonces and revocations are purged (a full store also purges before refusing). */
        @WithDefault("30s")
        Duration purgeInterval();
    }

    interface Redis {

        /** Prefix of every key Gatehouse writes, so that one Redis can serve several deployments. */
        @WithDefault("gatehouse:")
        String keyPrefix();

        /** How long one Redis command may take before the request that needed it fails closed. */
        @WithDefault("1s")
        Duration commandTimeout();
    }
}
