package io.gatehouse.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.state.NonceStore.PutResult;
import io.gatehouse.testing.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Redis stores against a real redis-server started by the test on a free loopback port. */
class RedisNonceStoreTest {

    static RedisServer server;
    static Vertx vertx;
    static Redis client;

    final Clock clock = Clock.systemUTC();

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServer.start();
        vertx = Vertx.vertx();
        client = client(server.uri());
    }

    @AfterAll
    static void stopRedis() throws Exception {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
        server.close();
    }

    static Redis client(String uri) {
        return Redis.createClient(vertx, new RedisOptions().setConnectionString(uri).setMaxPoolWaiting(256));
    }

    static RedisGateway gateway(Redis redis, String prefix) {
        return new RedisGateway(redis, Duration.ofSeconds(5), prefix);
    }

    @Test
    void whenNonceIsNewThenAcceptedAndWhenSeenAgainThenReplayed() throws Exception {
        RedisNonceStore store = new RedisNonceStore(gateway(client, "t1:"), clock);
        Instant expiry = clock.instant().plusSeconds(60);

        assertThat(store.putIfAbsent("n-1", expiry)).isEqualTo(PutResult.ACCEPTED);
        assertThat(store.putIfAbsent("n-1", expiry)).isEqualTo(PutResult.REPLAYED);
    }

    @Test
    void whenTwoStoresShareOneRedisThenANonceAcceptedByOneIsAReplayForTheOther() throws Exception {
        RedisNonceStore first = new RedisNonceStore(gateway(client, "t2:"), clock);
        RedisNonceStore second = new RedisNonceStore(gateway(client, "t2:"), clock);
        Instant expiry = clock.instant().plusSeconds(60);

        assertThat(first.putIfAbsent("shared", expiry)).isEqualTo(PutResult.ACCEPTED);
        assertThat(second.putIfAbsent("shared", expiry)).isEqualTo(PutResult.REPLAYED);
    }

    @Test
    void whenNonceWindowHasClosedThenRedisForgetsIt() throws Exception {
        RedisNonceStore store = new RedisNonceStore(gateway(client, "t3:"), clock);
        store.putIfAbsent("brief", clock.instant().plusMillis(200));

        assertThat(store.putIfAbsent("brief", clock.instant().plusSeconds(60))).isEqualTo(PutResult.REPLAYED);
        Awaitility.await().atMost(Duration.ofSeconds(3)).until(
                () -> store.putIfAbsent("brief", clock.instant().plusSeconds(60)) == PutResult.ACCEPTED);
    }

    @Test
    void whenManyThreadsOfferOneNonceThenExactlyOneIsAccepted() throws Exception {
        RedisNonceStore store = new RedisNonceStore(gateway(client, "t4:"), clock);
        Instant expiry = clock.instant().plusSeconds(60);

        List<PutResult> results = io.gatehouse.testing.Race.run(32, () -> store.putIfAbsent("twin", expiry));

        assertThat(results).filteredOn(PutResult.ACCEPTED::equals).hasSize(1);
        assertThat(results).filteredOn(PutResult.REPLAYED::equals).hasSize(31);
    }

    @Test
    void whenRedisIsFullThenNewNoncesAreRefusedAndOldOnesStillReplay() throws Exception {
        try (RedisServer small = RedisServer.start("--maxmemory", "2mb", "--maxmemory-policy", "noeviction")) {
            Redis smallClient = client(small.uri());
            RedisNonceStore store = new RedisNonceStore(gateway(smallClient, "full:"), clock);
            Instant expiry = clock.instant().plusSeconds(60);
            store.putIfAbsent("old-nonce", expiry);

            PutResult last = PutResult.ACCEPTED;
            for (int i = 0; i < 200_000 && last == PutResult.ACCEPTED; i++) {
                last = store.putIfAbsent("flood-" + i + "-" + "x".repeat(100), expiry);
            }

            assertThat(last).isEqualTo(PutResult.FULL);
            assertThat(store.putIfAbsent("old-nonce", expiry)).isEqualTo(PutResult.REPLAYED);
            smallClient.close();
        }
    }

    @Test
    void whenRedisIsDownThenTheStoreFailsClosed() throws Exception {
        int port;
        try (RedisServer doomed = RedisServer.start()) {
            port = doomed.port();
        }
        Redis gone = client("redis://127.0.0.1:" + port);
        RedisNonceStore store = new RedisNonceStore(gateway(gone, "down:"), clock);

        assertThatThrownBy(() -> store.putIfAbsent("n", clock.instant().plusSeconds(60)))
                .isInstanceOf(StateUnavailableException.class).isNotInstanceOf(StoreFullException.class);
        assertThatThrownBy(store::ping).isInstanceOf(StateUnavailableException.class);
        gone.close();
    }

    @Test
    void whenTokenIsRevokedThenEveryReplicaSeesItUntilItsExpiry() throws Exception {
        RedisRevocationStore first = new RedisRevocationStore(gateway(client, "t5:"), clock);
        RedisRevocationStore second = new RedisRevocationStore(gateway(client, "t5:"), clock);

        first.revoke("jti-1", clock.instant().plusSeconds(60));

        assertThat(second.isRevoked("jti-1")).isTrue();
        assertThat(second.isRevoked("jti-2")).isFalse();
    }
}
