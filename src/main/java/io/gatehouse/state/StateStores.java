package io.gatehouse.state;

import io.quarkus.arc.InjectableInstance;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.vertx.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Chooses the stores from {@code gatehouse.state.backend}. The Redis client is looked up only when the backend is
 * {@code redis}: without {@code quarkus.redis.hosts} Quarkus leaves its client inactive, and an inactive client must
 * not be touched, so the memory backend starts with no Redis anywhere.
 */
@Startup
@ApplicationScoped
public class StateStores {

    private static final Logger LOG = Logger.getLogger(StateStores.class);

    private final StateConfig config;
    private final Clock clock;
    private final Optional<RedisGateway> redis;

    public StateStores(StateConfig config, Clock clock, InjectableInstance<Redis> redisClient) {
        this.config = config;
        this.clock = clock;
        this.redis = config.backend() == StateConfig.Backend.REDIS
                ? Optional.of(gateway(config, redisClient))
                : Optional.empty();
        LOG.infof("state backend: %s", config.backend().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The Redis gateway when the backend is Redis. */
    public Optional<RedisGateway> redis() {
        return redis;
    }

    public Clock clock() {
        return clock;
    }

    @Produces
    @Singleton
    NonceStore nonceStore() {
        return redis.<NonceStore>map(gateway -> new RedisNonceStore(gateway, clock))
                .orElseGet(() -> new InMemoryNonceStore(config.memory().maxNonces(), clock));
    }

    @Produces
    @Singleton
    RevocationStore revocationStore() {
        return redis.<RevocationStore>map(gateway -> new RedisRevocationStore(gateway, clock))
                .orElseGet(() -> new InMemoryRevocationStore(config.memory().maxRevocations(), clock));
    }

    private static RedisGateway gateway(StateConfig config, InjectableInstance<Redis> redisClient) {
        Redis client;
        try {
            client = redisClient.getActive();
        } catch (RuntimeException inactive) {
            throw new ConfigurationException("gatehouse.state.backend=redis needs quarkus.redis.hosts, e.g. "
                    + "redis://127.0.0.1:6379", inactive);
        }
        return new RedisGateway(client, config.redis().commandTimeout(), config.redis().keyPrefix());
    }
}
