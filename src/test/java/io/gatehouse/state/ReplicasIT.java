package io.gatehouse.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.elevation.StaticTokenPrincipalResolver;
import io.gatehouse.replay.ProofVerifier;
import io.gatehouse.testing.AppProcess;
import io.gatehouse.testing.Proofs;
import io.gatehouse.testing.RedisServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Gatehouse processes behind one public address share one real Redis: what one replica accepts, revokes or
 * refuses holds on the other at once. The last test stops Redis and checks that both fail closed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

    static final String PUBLIC_BASE = "https://gatehouse.test";
    static final String ELEVATIONS = PUBLIC_BASE + "/v1/elevations";
    static final Proofs ALICE = Proofs.es256();
    static final Proofs BOB = Proofs.ed25519();
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static RedisServer redis;
    static AppProcess first;
    static AppProcess second;

    @BeforeAll
    static void startReplicas() throws IOException {
        redis = RedisServer.start();
        Map<String, String> config = new HashMap<>();
        config.put("gatehouse.state.backend", "redis");
        config.put("quarkus.redis.hosts", redis.uri());
        // generous for a loaded CI machine; a stopped Redis refuses connections at once anyway
        config.put("gatehouse.state.redis.command-timeout", "5s");
        config.put("gatehouse.replay.external-base-uri", PUBLIC_BASE);
        principal(config, "alice", ALICE);
        principal(config, "bob", BOB);
        first = AppProcess.start("replica-1", withAuditDir(config));
        second = AppProcess.start("replica-2", withAuditDir(config));
    }

    @AfterAll
    static void stopReplicas() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {first, second, redis}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    @Order(1)
    void whenTheFirstReplicaAcceptsARequestThenTheSecondRefusesItAsAReplay() throws Exception {
        String proof = proof(ALICE, "alice", "POST", ELEVATIONS);

        HttpResponse<String> accepted = send(first, "POST", "/v1/elevations", "alice", proof, body("cache.flush"));
        HttpResponse<String> replayed = send(second, "POST", "/v1/elevations", "alice", proof, body("cache.flush"));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(json(replayed).get("code").asText()).isEqualTo("proof_replayed");
    }

    @Test
    @Order(2)
    void whenAnElevationIsApprovedOnOneReplicaAndRevokedOnTheOtherThenBothSeeItAtOnce() throws Exception {
        String id = json(send(first, "POST", "/v1/elevations", "alice",
                proof(ALICE, "alice", "POST", ELEVATIONS), body("refund.issue"))).get("id").asText();
        String path = "/v1/elevations/" + id;

        HttpResponse<String> approved = send(second, "POST", path + "/approve", "bob",
                proof(BOB, "bob", "POST", PUBLIC_BASE + path + "/approve"), null);
        assertThat(json(approved).get("status").asText()).as(approved.body()).isEqualTo("active");
        assertThat(json(send(first, "GET", path, "alice", null, null)).get("active").asBoolean()).isTrue();

        HttpResponse<String> revoked = send(first, "DELETE", path, "alice",
                proof(ALICE, "alice", "DELETE", PUBLIC_BASE + path), null);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);

        JsonNode seenBySecond = json(send(second, "GET", path, "bob", null, null));
        assertThat(seenBySecond.get("status").asText()).isEqualTo("revoked");
        assertThat(seenBySecond.get("active").asBoolean()).isFalse();
    }

    @Test
    @Order(3)
    void whenRedisIsDownThenPrivilegedRequestsAreRefusedAndReadinessIsDown() throws Exception {
        redis.close();

        HttpResponse<String> refused = send(second, "POST", "/v1/elevations", "alice",
                proof(ALICE, "alice", "POST", ELEVATIONS), body("cache.flush"));

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(json(refused).get("code").asText()).isEqualTo("proof_unavailable");
        for (AppProcess replica : new AppProcess[] {first, second}) {
            assertThat(get(replica, "/q/health/ready").statusCode()).isEqualTo(503);
        }
        assertThat(get(second, "/q/metrics").body())
                .containsPattern("gatehouse_replay_refused_total\\{reason=\"unavailable\"} [1-9]");

        redis = RedisServer.start(redis.port());
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> get(first, "/q/health/ready").statusCode() == 200);
    }

    /** Each replica writes its own audit log, as each node does in production. */
    static Map<String, String> withAuditDir(Map<String, String> config) throws IOException {
        Map<String, String> own = new HashMap<>(config);
        own.put("gatehouse.audit.dir", Files.createTempDirectory("gatehouse-audit-").toString());
        return own;
    }

    static void principal(Map<String, String> config, String name, Proofs key) {
        String prefix = "gatehouse.elevation.static-principals." + name + ".";
        config.put(prefix + "token-sha256", StaticTokenPrincipalResolver.sha256(name + "-token"));
        config.put(prefix + "key-thumbprint", key.thumbprint());
    }

    static String proof(Proofs key, String name, String method, String url) {
        return key.proof(method, url, Instant.now())
                .claim("ath", ProofVerifier.accessTokenHash(name + "-token")).sign();
    }

    static String body(String operation) {
        return "{\"operation\": \"" + operation + "\", \"resource\": \"eu-1\", \"duration\": \"PT10M\", "
                + "\"justification\": \"replica test for incident INC-1\"}";
    }

    static HttpResponse<String> send(AppProcess app, String method, String path, String name, String proof,
            String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Authorization", "Bearer " + name + "-token")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (proof != null) {
            request.header("Gatehouse-Proof", proof);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(AppProcess app, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
