package io.gatehouse.elevation;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.state.RedisGateway;
import io.gatehouse.testing.Race;
import io.gatehouse.testing.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two stores on one real Redis stand for two replicas. */
class RedisElevationStoreTest {

    static RedisServer server;
    static Vertx vertx;
    static Redis client;

    final Clock clock = Clock.systemUTC();
    final RedisElevationStore first = store();
    final RedisElevationStore second = store();

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServer.start();
        vertx = Vertx.vertx();
        client = Redis.createClient(vertx, new RedisOptions().setConnectionString(server.uri()).setMaxPoolWaiting(256));
    }

    @AfterAll
    static void stopRedis() throws Exception {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
        server.close();
    }

    RedisElevationStore store() {
        return new RedisElevationStore(new RedisGateway(client, Duration.ofSeconds(5), "elv-test:"),
                Duration.ofMinutes(5), clock);
    }

    Elevation active(String id, String principal) {
        Instant now = clock.instant();
        return new Elevation(id, principal, "refund.issue", "order-17", "incident INC-4711", now,
                now.plusSeconds(600), true, Elevation.Status.ACTIVE, "bob", now, null, null,
                List.of(new Elevation.IssuedToken("jti-1", now.plusSeconds(300))));
    }

    @Test
    void whenOneReplicaRevokesThenTheOtherSeesItAtOnce() throws Exception {
        Elevation elevation = active("elv-1", "alice");
        first.create(elevation);
        assertThat(second.find("elv-1")).contains(elevation);

        Elevation revoked = elevation.ended(Elevation.Status.REVOKED, "alice", clock.instant());
        assertThat(first.replace(elevation, revoked)).isTrue();

        assertThat(second.find("elv-1")).contains(revoked);
        assertThat(second.forPrincipal("alice")).containsExactly(revoked);
    }

    @Test
    void whenTwoReplicasChangeTheSameRecordAtOnceThenExactlyOneWins() throws Exception {
        Elevation elevation = active("elv-2", "carol");
        first.create(elevation);

        List<Boolean> wins = Race.run(16, () -> store().replace(elevation,
                elevation.ended(Elevation.Status.REVOKED, Thread.currentThread().getName(), clock.instant())));

        assertThat(wins).filteredOn(Boolean::booleanValue).hasSize(1);
    }

    @Test
    void whenReplacingAStaleCopyThenNothingChanges() throws Exception {
        Elevation elevation = active("elv-3", "dave");
        first.create(elevation);
        Elevation revoked = elevation.ended(Elevation.Status.REVOKED, "dave", clock.instant());
        first.replace(elevation, revoked);

        boolean resurrected = second.replace(elevation, elevation.withToken(
                new Elevation.IssuedToken("jti-2", clock.instant().plusSeconds(60))));

        assertThat(resurrected).isFalse();
        assertThat(second.find("elv-3")).contains(revoked);
    }

    @Test
    void whenRecordIsReadBackThenEveryFieldSurvives() throws Exception {
        Elevation elevation = active("elv-4", "erin");
        first.create(elevation);

        assertThat(second.all()).contains(elevation);
        assertThat(ElevationJson.read(ElevationJson.write(elevation))).isEqualTo(elevation);
    }
}
