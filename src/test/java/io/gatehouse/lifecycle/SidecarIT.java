package io.gatehouse.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.gatehouse.testing.AppProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real central service and real sidecars, each a packaged Gatehouse process on loopback. Policy directories and
 * state directories live under {@code target/sidecar-it}, written by the test.
 *
 * <p>Decisions are told apart by their deny reasons and revision, not by allow: whether an allow survives depends on
 * an audit sink, which is not this test's subject.
 */
class SidecarIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String ADMIN_SECRET = "sidecar-it-admin-secret";

    static String policy(String version) {
        return """
                package app
                default allow := false
                allow if input.user == "alice"
                deny contains "%s says no" if input.user == "mallory"
                """.formatted(version);
    }

    static Path workDirectory(String name) throws IOException {
        Path root = Path.of("target", "sidecar-it", name + "-" + System.nanoTime()).toAbsolutePath();
        return Files.createDirectories(root);
    }

    /** Each process keeps its audit log and token state in its own folder, so processes never share a log. */
    static Map<String, String> isolated(Path work, Map<String, String> properties) {
        Map<String, String> all = new TreeMap<>(properties);
        all.put("gatehouse.audit.dir", work.resolve("audit").toString());
        all.put("gatehouse.token.state-dir", work.resolve("token-state").toString());
        return all;
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class WithACentralService {

        private Path policies;
        private Path centralState;
        private AppProcess central;
        private AppProcess sidecar;

        @BeforeAll
        void start() throws IOException {
            Path work = workDirectory("central");
            policies = Files.createDirectories(work.resolve("policies"));
            centralState = work.resolve("central-state");
            Files.writeString(policies.resolve("app.pol"), policy("v1"));
            central = AppProcess.start("central", isolated(work.resolve("central"), Map.of(
                    "gatehouse.policy.dir", policies.toString(),
                    "gatehouse.lifecycle.state-dir", centralState.toString(),
                    "gatehouse.lifecycle.debounce", "100ms",
                    "gatehouse.lifecycle.hash-check-interval", "1s",
                    "gatehouse.lifecycle.admin-secret", ADMIN_SECRET)));
            Path publicKey = centralState.resolve("bundle-signing-key.pub.pem");
            await().atMost(PATIENCE).until(() -> Files.exists(publicKey));
            sidecar = AppProcess.start("sidecar", isolated(work.resolve("sidecar"), Map.of(
                    "quarkus.profile", "sidecar",
                    "gatehouse.lifecycle.sidecar.central-url", central.baseUrl(),
                    "gatehouse.lifecycle.sidecar.public-key-file", publicKey.toString(),
                    "gatehouse.lifecycle.sidecar.poll-interval", "300ms",
                    "gatehouse.lifecycle.state-dir", work.resolve("sidecar-state").toString())));
        }

        @AfterAll
        void stop() throws InterruptedException {
            if (sidecar != null) {
                sidecar.close();
            }
            if (central != null) {
                central.close();
            }
        }

        @Test
        @Order(1)
        void whenTheSidecarStartsThenItBecomesReadyWithTheCentralRevision() throws IOException {
            String revision = get(central, "/v1/policies").body().get("revision").asText();

            await().atMost(PATIENCE).until(() -> status(sidecar, "/q/health/ready") == 200);
            JsonNode decision = decide(sidecar, "mallory");

            assertThat(decision.get("revision").asText()).isEqualTo(revision);
            assertThat(reasons(decision)).contains("v1 says no");
            assertThat(get(sidecar, "/v1/policies").body().get("mode").asText()).isEqualTo("sidecar");
        }

        @Test
        @Order(2)
        void whenThePolicyChangesOnTheCentralThenTheChangeReachesTheSidecar() throws IOException {
            String before = get(central, "/v1/policies").body().get("revision").asText();

            long written = System.nanoTime();
            Files.writeString(policies.resolve("app.pol"), policy("v2"));

            await().atMost(PATIENCE).until(() -> !revisionOf(central).equals(before));
            String after = revisionOf(central);
            await().atMost(PATIENCE).until(() -> reasons(decide(sidecar, "mallory")).contains("v2 says no"));
            System.out.printf("sidecar IT: a policy file change reached the sidecar's decisions in %d ms"
                    + " (debounce 100ms, poll 300ms)%n", (System.nanoTime() - written) / 1_000_000);
            assertThat(decide(sidecar, "mallory").get("revision").asText()).isEqualTo(after);
            JsonNode history = get(central, "/v1/policies").body().get("history");
            assertThat(history.get(0).get("revision").asText()).isEqualTo(after);
            assertThat(history.get(1).get("revision").asText()).isEqualTo(before);
        }

        @Test
        @Order(3)
        void whenTheCentralPoliciesStopCompilingThenTheLastGoodRevisionKeepsServingEverywhere() throws IOException {
            String good = revisionOf(central);

            Files.writeString(policies.resolve("broken.pol"), "package broken\nallow if {\n");

            await().atMost(PATIENCE).until(() -> !get(central, "/v1/policies").body().path("last_reload_error")
                    .isMissingNode());
            JsonNode failure = get(central, "/v1/policies").body().get("last_reload_error");
            assertThat(failure.get("errors").toString()).contains("broken.pol");
            assertThat(revisionOf(central)).isEqualTo(good);
            assertThat(get(central, "/q/metrics").text()).containsPattern(
                    "gatehouse_policy_reload_failures_total(\\{[^}]*})? [1-9]");
            Response reload = post(central, "/v1/policies/reload", "Bearer " + ADMIN_SECRET, "");
            assertThat(reload.status()).isEqualTo(422);
            assertThat(reload.text()).contains("broken.pol");
            assertThat(decide(sidecar, "mallory").get("revision").asText()).isEqualTo(good);
            Files.delete(policies.resolve("broken.pol"));
        }

        @Test
        @Order(4)
        void whenTheCentralIsRolledBackThenTheSidecarFollowsTheRollback() throws IOException {
            await().atMost(PATIENCE).until(() -> get(central, "/v1/policies").body().path("last_reload_error")
                    .isMissingNode());
            Response rollback = post(central, "/v1/policies/rollback", "Bearer " + ADMIN_SECRET, "");

            assertThat(rollback.status()).isEqualTo(200);
            String restored = rollback.body().get("revision").asText();
            await().atMost(PATIENCE).until(() -> reasons(decide(sidecar, "mallory")).contains("v1 says no"));
            assertThat(decide(sidecar, "mallory").get("revision").asText()).isEqualTo(restored);
        }

        @Test
        @Order(5)
        void whenTheCentralStopsThenTheSidecarKeepsDecidingWithItsLastBundle() throws Exception {
            String last = decide(sidecar, "mallory").get("revision").asText();

            central.close();
            Thread.sleep(1500);

            JsonNode decision = decide(sidecar, "mallory");
            assertThat(decision.get("revision").asText()).isEqualTo(last);
            assertThat(reasons(decision)).contains("v1 says no");
            assertThat(status(sidecar, "/q/health/ready")).isEqualTo(200);
            assertThat(get(sidecar, "/v1/policies").body().get("last_reload_error").toString())
                    .contains("unreachable");
        }
    }

    @Nested
    class WithAForgingServer {

        @Test
        void whenABundleIsTamperedWithOrReplayedThenTheSidecarRefusesItAndKeepsItsRevision() throws Exception {
            Path work = workDirectory("forger");
            KeyPair keys = BundleKeys.loadOrCreate(work.resolve("keys"));
            BundleSigner signer = new BundleSigner(keys);
            byte[] good = bundle("rev-1", 1_000, policy("genuine"));
            AtomicReference<byte[]> archive = new AtomicReference<>(good);
            AtomicReference<String> signature = new AtomicReference<>(signer.sign(good));
            HttpServer server = serve(archive, signature);
            try (AppProcess sidecar = AppProcess.start("tampered-sidecar", isolated(work, Map.of(
                    "quarkus.profile", "sidecar",
                    "gatehouse.lifecycle.sidecar.central-url", "http://127.0.0.1:" + server.getAddress().getPort(),
                    "gatehouse.lifecycle.sidecar.public-key-file",
                    work.resolve("keys").resolve(BundleKeys.PUBLIC_FILE).toString(),
                    "gatehouse.lifecycle.sidecar.poll-interval", "200ms",
                    "gatehouse.lifecycle.state-dir", work.resolve("sidecar-state").toString())))) {
                await().atMost(PATIENCE).until(() -> reasons(decide(sidecar, "mallory")).contains("genuine says no"));

                archive.set(BundleArchiveTest.rewrite(good, "app.pol", policy("forged")));
                await().atMost(PATIENCE).until(() -> lastError(sidecar).contains("does not verify"));
                byte[] older = bundle("rev-0", 500, policy("older"));
                archive.set(older);
                signature.set(signer.sign(older));
                await().atMost(PATIENCE).until(() -> lastError(sidecar).contains("not newer"));
                byte[] foreign = bundle("rev-3", 3_000, policy("foreign"));
                archive.set(foreign);
                signature.set(new BundleSigner(BundleKeys.generate()).sign(foreign));
                await().atMost(PATIENCE).until(() -> lastError(sidecar).contains("does not verify"));

                assertThat(reasons(decide(sidecar, "mallory"))).contains("genuine says no")
                        .doesNotContain("forged says no", "older says no", "foreign says no");
                assertThat(get(sidecar, "/q/metrics").text())
                        .contains("gatehouse_bundle_refusals_total{reason=\"bad_signature\"}")
                        .contains("gatehouse_bundle_refusals_total{reason=\"older\"}");
            } finally {
                server.stop(0);
            }
        }

        private static byte[] bundle(String revision, long sequence, String policy) {
            return BundleArchive.write("default", revision, sequence, "2026-01-05T10:00:00Z",
                    new TreeMap<>(Map.of("app.pol", policy)));
        }

        /** The bundle endpoint's shape, serving whatever the test puts in the references. */
        private static HttpServer serve(AtomicReference<byte[]> archive, AtomicReference<String> signature)
                throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v1/bundles/default", exchange -> {
                byte[] body = archive.get();
                exchange.getResponseHeaders().add("Content-Type", "application/zip");
                exchange.getResponseHeaders().add("Gatehouse-Bundle-Signature", signature.get());
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        }
    }

    @Nested
    class WithoutACentralService {

        @Test
        void whenTheSidecarNeverHadABundleThenItDeniesEverythingAndIsNotReady() throws Exception {
            Path work = workDirectory("orphan");
            Path key = work.resolve("keys").resolve(BundleKeys.PUBLIC_FILE);
            BundleKeys.loadOrCreate(work.resolve("keys"));
            int nobody = AppProcess.freePort();
            try (AppProcess sidecar = AppProcess.start("orphan-sidecar", isolated(work, Map.of(
                    "quarkus.profile", "sidecar",
                    "gatehouse.lifecycle.sidecar.central-url", "http://127.0.0.1:" + nobody,
                    "gatehouse.lifecycle.sidecar.public-key-file", key.toString(),
                    "gatehouse.lifecycle.sidecar.poll-interval", "200ms",
                    "gatehouse.lifecycle.state-dir", work.resolve("sidecar-state").toString())))) {
                Thread.sleep(1000);

                JsonNode decision = decide(sidecar, "alice");
                assertThat(decision.get("allow").asBoolean()).isFalse();
                assertThat(reasons(decision)).contains("no policy revision is loaded");
                assertThat(status(sidecar, "/q/health/ready")).isEqualTo(503);
                assertThat(status(sidecar, "/v1/policies")).isEqualTo(503);
            }
        }
    }

    record Response(int status, String text) {

        JsonNode body() throws IOException {
            return JSON.readTree(text);
        }
    }

    static Response get(AppProcess app, String path) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).GET());
    }

    static Response post(AppProcess app, String path, String authorization, String body) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static int status(AppProcess app, String path) throws IOException {
        return get(app, path).status();
    }

    static String revisionOf(AppProcess app) throws IOException {
        return get(app, "/v1/policies").body().get("revision").asText();
    }

    static JsonNode decide(AppProcess app, String user) throws IOException {
        String query = "{\"policy\": \"app\", \"input\": {\"user\": \"" + user + "\"}}";
        Response response = send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/decisions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(query)));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body();
    }

    static String lastError(AppProcess app) throws IOException {
        return get(app, "/v1/policies").body().path("last_reload_error").toString();
    }

    static String reasons(JsonNode decision) {
        return decision.path("reasons").toString();
    }

    private static Response send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException(interrupted);
        }
    }
}
