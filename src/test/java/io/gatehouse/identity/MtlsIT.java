package io.gatehouse.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.testing.AppProcess;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Real TLS on loopback against the packaged service: the HTTPS port asks for (does not require) a client
 * certificate, trusts the CAs of two trust domains for the handshake, and Gatehouse then checks each certificate
 * against the bundle of the trust domain its SPIFFE ID names.
 */
@DisplayName("mTLS callers over real TLS")
class MtlsIT {

    static final Instant NOW = Instant.now();
    static final String REFUNDER = "spiffe://prod.example.org/ns/payments/sa/refunder";
    static final String SIDECAR = "spiffe://prod.example.org/ns/mesh/sa/sidecar";
    static final ObjectMapper JSON = new ObjectMapper();
    static final TestPki.Issued PROD = TestPki.ca("prod.example.org", NOW);
    static final TestPki.Issued STAGING = TestPki.ca("staging.example.org", NOW);
    static final TestPki.Issued REFUNDER_CERT = TestPki.svid(PROD, REFUNDER, NOW);

    static AppProcess app;
    static int tlsPort;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Path.of("target/mtls-it").toAbsolutePath();
        Files.createDirectories(dir);
        TestPki.Issued server = TestPki.server(PROD, NOW);
        TestPki.write(dir.resolve("server.crt"), server.certificate());
        TestPki.write(dir.resolve("server.key"), new JcaPKCS8Generator(server.keys().getPrivate(), null));
        TestPki.write(dir.resolve("prod.pem"), PROD.certificate());
        TestPki.write(dir.resolve("staging.pem"), STAGING.certificate());
        tlsPort = AppProcess.freePort();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.http.ssl-port", Integer.toString(tlsPort));
        properties.put("quarkus.http.insecure-requests", "enabled");
        // identity needs no policies; this keeps the test independent of the policy directory
        properties.put("gatehouse.policy.load-at-startup", "false");
        properties.put("quarkus.tls.key-store.pem.0.cert", dir.resolve("server.crt").toString());
        properties.put("quarkus.tls.key-store.pem.0.key", dir.resolve("server.key").toString());
        properties.put("quarkus.tls.trust-store.pem.certs",
                dir.resolve("prod.pem") + "," + dir.resolve("staging.pem"));
        properties.put("gatehouse.identity.trust-domains.\"prod.example.org\".bundle", dir.resolve("prod.pem")
                .toString());
        properties.put("gatehouse.identity.trust-domains.\"staging.example.org\".bundle",
                dir.resolve("staging.pem").toString());
        properties.put("gatehouse.identity.sidecars", SIDECAR);
        properties.put("gatehouse.token.state-dir", dir.resolve("state").toString());
        properties.put("gatehouse.audit.dir", dir.resolve("audit").toString());
        app = AppProcess.start("mtls", properties);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    static HttpClient client(TestPki.Issued clientCertificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("prod", PROD.certificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
        trustManagers.init(trust);
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (clientCertificate != null) {
            keys.setKeyEntry("client", clientCertificate.keys().getPrivate(), new char[0],
                    new Certificate[] {clientCertificate.certificate()});
        }
        keyManagers.init(keys, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).build();
    }

    static HttpResponse<String> whoami(HttpClient client, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + tlsPort
                + "/v1/whoami"));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void aClientCertificateOfItsTrustDomainIsTheVerifiedPeer() throws Exception {
        HttpResponse<String> response = whoami(client(REFUNDER_CERT), Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).at("/peer/spiffeId").asText()).isEqualTo(REFUNDER);
        assertThat(json(response).at("/peer/kind").asText()).isEqualTo("x509-svid");
    }

    @Test
    @DisplayName("a certificate from staging's CA claiming a prod SPIFFE ID is refused")
    void aClientCertificateFromTheWrongTrustDomain() throws Exception {
        HttpResponse<String> response = whoami(client(TestPki.svid(STAGING, REFUNDER, NOW)), Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("reason").asText()).isEqualTo("untrusted_certificate");
    }

    @Test
    void withoutAClientCertificateTheTlsPortStillAnswers() throws Exception {
        HttpResponse<String> response = whoami(client(null), Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).has("peer")).isFalse();
    }

    @Test
    void thePlainPortStillAnswersWithoutPeer() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(app.baseUrl() + "/v1/whoami")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).has("peer")).isFalse();
    }

    @Test
    void aListedSidecarMayForwardItsCallersCertificate() throws Exception {
        String pem = URLEncoder.encode(TestPki.pem(REFUNDER_CERT.certificate()), StandardCharsets.US_ASCII);

        HttpResponse<String> response = whoami(client(TestPki.svid(PROD, SIDECAR, NOW)),
                Map.of("X-Gatehouse-Peer-Certificate", pem));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).at("/peer/subject").asText()).isEqualTo(SIDECAR);
        assertThat(json(response).at("/principal/subject").asText()).isEqualTo(REFUNDER);
    }

    @Test
    void anyoneElseForwardingACertificateIsRefused() throws Exception {
        String pem = URLEncoder.encode(TestPki.pem(REFUNDER_CERT.certificate()), StandardCharsets.US_ASCII);
        TestPki.Issued other = TestPki.svid(PROD, "spiffe://prod.example.org/ns/tools/sa/mallory", NOW);

        HttpResponse<String> response = whoami(client(other), Map.of("X-Gatehouse-Peer-Certificate", pem));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("reason").asText()).isEqualTo("untrusted_forwarder");
    }

    @Test
    void aTokenRequestWithAWrongDomainCertificateIsAnInvalidClient() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + tlsPort + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type"
                        + "%3Atoken-exchange&subject_token=a.b.c&subject_token_type=urn%3Aietf%3Aparams%3Aoauth"
                        + "%3Atoken-type%3Ajwt&audience=payments-api"))
                .build();

        HttpResponse<String> response = client(TestPki.svid(STAGING, REFUNDER, NOW)).send(request,
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("error").asText()).isEqualTo("invalid_client");
    }
}
