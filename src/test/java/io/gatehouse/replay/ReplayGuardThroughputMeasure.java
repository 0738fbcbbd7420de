package io.gatehouse.replay;

import io.gatehouse.identity.VerifiedPrincipal;
import io.gatehouse.state.InMemoryNonceStore;
import io.gatehouse.state.NonceStore;
import io.gatehouse.state.RedisGateway;
import io.gatehouse.state.RedisNonceStore;
import io.gatehouse.testing.Proofs;
import io.gatehouse.testing.RedisServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Throughput of {@link ReplayGuard#check} with pre-signed proofs (memory and Redis stores) and of the Redis nonce
 * store alone. Not part of the suite (the name does not end in Test); run it on a quiet machine with
 * {@code ./mvnw -B -o test -Dtest=ReplayGuardThroughputMeasure -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ReplayGuardThroughputMeasure {

    static final String URL = "https://gatehouse.example/v1/elevations";
    static final HttpRequestInfo POST = new HttpRequestInfo("POST", URI.create(URL), null);
    static final VerifiedPrincipal CALLER = new VerifiedPrincipal("spiffe://p/a", "x509-svid", "p", "spiffe://p/a",
            java.util.Map.of(), null);

    @Test
    void measure() throws Exception {
        Proofs es = Proofs.es256();
        Proofs ed = Proofs.ed25519();
        try (RedisServer server = RedisServer.start()) {
            Vertx vertx = Vertx.vertx();
            Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(server.uri())
                    .setMaxPoolSize(16).setMaxPoolWaiting(512));
            NonceStore redis = new RedisNonceStore(new RedisGateway(client, Duration.ofSeconds(1), "m:"),
                    Clock.systemUTC());
            run("ES256 memory", es, new InMemoryNonceStore(1_000_000, Clock.systemUTC()), 1);
            run("ES256 memory", es, new InMemoryNonceStore(1_000_000, Clock.systemUTC()), 2);
            run("EdDSA memory", ed, new InMemoryNonceStore(1_000_000, Clock.systemUTC()), 2);
            run("ES256 redis", es, redis, 1);
            run("ES256 redis", es, redis, 2);
            run("nonce store only, redis", null, redis, 2);
            client.close();
            vertx.close();
        }
    }

    void run(String name, Proofs key, NonceStore store, int threads) throws Exception {
        int n = 5_000;
        ReplayGuard guard = new ReplayGuard(new ProofVerifier(ProofRules.of(Duration.ofSeconds(120),
                Duration.ofSeconds(5)), Clock.systemUTC()), store, new SimpleMeterRegistry());
        List<String> proofs = new ArrayList<>();
        for (int i = 0; i < n * 2; i++) {
            proofs.add(key == null ? Proofs.freshNonce() : key.proof("POST", URL, Instant.now()).sign());
        }
        execute(guard, store, key, proofs.subList(0, n), threads);
        long start = System.nanoTime();
        long accepted = execute(guard, store, key, proofs.subList(n, 2 * n), threads);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("MEASURE %-26s threads=%d  %,.0f checks/s (%d accepted)%n", name, threads, n / seconds,
                accepted);
    }

    long execute(ReplayGuard guard, NonceStore store, Proofs key, List<String> proofs, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Long>> parts = new ArrayList<>();
        int slice = proofs.size() / threads;
        for (int t = 0; t < threads; t++) {
            List<String> mine = proofs.subList(t * slice, (t + 1) * slice);
            parts.add(pool.submit(() -> {
                long ok = 0;
                for (String proof : mine) {
                    boolean accepted = key == null
                            ? store.putIfAbsent(proof, Instant.now().plusSeconds(60)) == NonceStore.PutResult.ACCEPTED
                            : guard.check(POST, proof, CALLER).accepted();
                    ok += accepted ? 1 : 0;
                }
                return ok;
            }));
        }
        long total = 0;
        for (Future<Long> part : parts) {
            total += part.get();
        }
        pool.shutdown();
        return total;
    }
}
