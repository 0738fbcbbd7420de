package io.gatehouse.state;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Blocking access to Redis for the stores, with one timeout and one failure type. Every failure (refused connection,
 * timeout, error reply) becomes a {@link StateUnavailableException}, so that callers fail closed in one place.
 *
 * <p>Callers run on worker threads (REST resources, scheduled jobs), never on the event loop, so blocking is safe.
 */
public final class RedisGateway {

    private final Redis redis;
    private final Duration timeout;
    private final String keyPrefix;

    public RedisGateway(Redis redis, Duration timeout, String keyPrefix) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
    }

    /** The full key for a name below the configured prefix. */
    public String key(String name) {
        return keyPrefix + name;
    }

    /** Sends one command and waits for its reply, which is null for a Redis nil. */
    public Response send(String command, String... arguments) throws StateUnavailableException {
        Request request = Request.cmd(Command.create(command));
        for (String argument : arguments) {
            request.arg(argument);
        }
        try {
            return redis.send(request).toCompletionStage().toCompletableFuture()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            throw failure(command, failed.getCause());
        } catch (TimeoutException slow) {
            throw new StateUnavailableException("redis did not answer " + command + " within " + timeout, slow);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StateUnavailableException("interrupted while waiting for redis", interrupted);
        }
    }

    /** The reply's elements as strings, nil elements as null. */
    public static List<String> strings(Response reply) {
        List<String> items = new ArrayList<>();
        if (reply == null) {
            return items;
        }
        for (int i = 0; i < reply.size(); i++) {
            Response item = reply.get(i);
            items.add(item == null ? null : item.toString());
        }
        return items;
    }

    private static StateUnavailableException failure(String command, Throwable cause) {
        String message = String.valueOf(cause == null ? null : cause.getMessage());
        if (message.startsWith("OOM")) {
            return new StoreFullException("redis is full and refused " + command, cause);
        }
        return new StateUnavailableException("redis failed " + command + ": " + message, cause);
    }
}
