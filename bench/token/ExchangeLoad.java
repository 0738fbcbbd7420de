import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token exchanges per second on loopback, end to end: starts the packaged service with a generated JWT-SVID issuer,
 * then POSTs RFC 8693 exchanges from several threads for a fixed time and reports throughput and latency.
 *
 * <pre>
 * java bench/token/ExchangeLoad.java target/quarkus-app/quarkus-run.jar POLICY_DIR [threads] [seconds]
 * </pre>
 * Only the JDK is needed. The policy directory must hold policies/gatehouse (the token policy and its grants).
 */
public final class ExchangeLoad {

    static final String SUBJECT = "spiffe://prod.example.org/ns/payments/sa/refunder";

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path policies = Path.of(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        Path work = Files.createTempDirectory("gatehouse-exchange-load");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = generator.generateKeyPair();
        Files.writeString(work.resolve("jwks.json"), jwks((ECPublicKey) key.getPublic()));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process app = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dgatehouse.policy.dir=" + policies.toAbsolutePath(),
                "-Dgatehouse.audit.dir=" + work.resolve("audit"),
                "-Dgatehouse.token.state-dir=" + work.resolve("state"),
                "-Dgatehouse.identity.issuers.load.issuer=https://spire.prod.example.org",
                "-Dgatehouse.identity.issuers.load.kind=jwt-svid",
                "-Dgatehouse.identity.issuers.load.trust-domain=prod.example.org",
                "-Dgatehouse.identity.issuers.load.audiences=gatehouse",
                "-Dgatehouse.identity.issuers.load.algorithms=ES256",
                "-Dgatehouse.identity.issuers.load.jwks-file=" + work.resolve("jwks.json"),
                "-jar", jar.toString()))
                .redirectErrorStream(true).redirectOutput(work.resolve("app.log").toFile()).start();
        try {
            String base = "http://127.0.0.1:" + port;
            awaitLive(base, app, work);
            String body = "grant_type=" + enc("urn:ietf:params:oauth:grant-type:token-exchange")
                    + "&subject_token_type=" + enc("urn:ietf:params:oauth:token-type:jwt")
                    + "&subject_token=" + enc(svid(key)) + "&audience=payments-api&scope=refunds%3Aread";
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> first = post(client, base, body);
            System.out.println("first response: " + first.statusCode() + " " + first.body().substring(0,
                    Math.min(120, first.body().length())));
            if (first.statusCode() != 200) {
                return;
            }
            run(client, base, body, threads, 5, false);
            run(client, base, body, threads, seconds, true);
        } finally {
            app.destroy();
        }
    }

    static void run(HttpClient client, String base, String body, int threads, int seconds, boolean report)
            throws InterruptedException {
        Instant end = Instant.now().plusSeconds(seconds);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long[] samples = new long[2_000_000];
            latencies.add(samples);
            Thread worker = new Thread(() -> {
                int n = 0;
                while (Instant.now().isBefore(end)) {
                    long started = System.nanoTime();
                    try {
                        if (post(client, base, body).statusCode() == 200) {
                            ok.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (IOException | InterruptedException e) {
                        failed.incrementAndGet();
                    }
                    if (n < samples.length) {
                        samples[n++] = System.nanoTime() - started;
                    }
                }
                samples[samples.length - 1] = n;
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (!report) {
            return;
        }
        long[] all = latencies.stream().flatMapToLong(s -> Arrays.stream(s, 0, (int) s[s.length - 1])).sorted()
                .toArray();
        System.out.printf("threads=%d seconds=%d exchanges=%d failed=%d -> %.0f exchanges/s, p50 %.2f ms,"
                + " p99 %.2f ms%n", threads, seconds, ok.get(), failed.get(), ok.get() / (double) seconds,
                all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6);
    }

    static HttpResponse<String> post(HttpClient client, String base, String body)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void awaitLive(String base, Process app, Path work) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 600; i++) {
            if (!app.isAlive()) {
                throw new IOException("the service exited:\n" + Files.readString(work.resolve("app.log")));
            }
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(base + "/q/health/live")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IOException("the service did not become live");
    }

    static String svid(KeyPair key) throws Exception {
        long now = Instant.now().getEpochSecond();
        String header = b64("{\"alg\":\"ES256\",\"kid\":\"load-1\",\"typ\":\"JWT\"}");
        String claims = b64("{\"iss\":\"https://spire.prod.example.org\",\"sub\":\"" + SUBJECT
                + "\",\"aud\":[\"gatehouse\"],\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}");
        Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
        signature.initSign(key.getPrivate());
        signature.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(signature.sign());
    }

    static String jwks(ECPublicKey key) {
        return "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"use\":\"jwt-svid\",\"kid\":\"load-1\",\"x\":\""
                + coordinate(key.getW().getAffineX()) + "\",\"y\":\"" + coordinate(key.getW().getAffineY())
                + "\"}]}";
    }

    static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(32, bytes.length);
        System.arraycopy(bytes, bytes.length - copy, fixed, 32 - copy, copy);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
