package io.gatehouse.identity;

import static io.gatehouse.identity.TestJwts.header;
import static io.gatehouse.identity.TestJwts.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("bearer token verification")
class JwtVerifierTest {

    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    static final String K8S = "https://kubernetes.default.svc.cluster.local";
    static final String SPIRE = "https://spire.prod.example.org";
    static final String GATEHOUSE = "https://gatehouse.example.org";
    static final KeyPair K8S_KEY = TestJwts.rsaKey();
    static final KeyPair SPIRE_KEY = TestJwts.ecKey();
    static final KeyPair GATEHOUSE_KEY = TestJwts.ecKey();

    final FakeClock clock = new FakeClock(NOW);
    final Set<String> revoked = new HashSet<>();
    final JwtVerifier verifier = new JwtVerifier(List.of(
            issuer(K8S, TrustedIssuer.KUBERNETES, null, "RS256", "k8s-1", K8S_KEY.getPublic()),
            issuer(SPIRE, TrustedIssuer.JWT_SVID, "prod.example.org", "ES256", "spire-1", SPIRE_KEY.getPublic()),
            issuer(GATEHOUSE, TrustedIssuer.GATEHOUSE, null, "ES256", "gh-1", GATEHOUSE_KEY.getPublic())),
            VerifierLimits.DEFAULT, clock, revoked::contains);

    static TrustedIssuer issuer(String iss, String kind, String trustDomain, String alg, String kid, PublicKey key) {
        return new TrustedIssuer(iss, kind, trustDomain, Set.of("gatehouse"), Set.of(alg),
                requested -> requested.equals(kid) ? Optional.of(key) : Optional.empty());
    }

    static Map<String, Object> svidClaims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", SPIRE);
        claims.put("sub", "spiffe://prod.example.org/ns/payments/sa/refunder");
        claims.put("aud", List.of("gatehouse"));
        claims.put("exp", NOW.plusSeconds(300).getEpochSecond());
        claims.put("iat", NOW.getEpochSecond());
        return claims;
    }

    static String svid(Map<String, Object> claims) {
        return sign(header("ES256", "spire-1"), claims, SPIRE_KEY.getPrivate());
    }

    void assertRejected(ThrowingCallable call, RejectionReason reason) {
        assertThatThrownBy(call).isInstanceOf(CredentialRejectedException.class)
                .extracting(e -> ((CredentialRejectedException) e).reason()).isEqualTo(reason);
    }

    @Nested
    @DisplayName("accepts")
    class Accepts {

        @Test
        void kubernetesServiceAccountTokenYieldsItsServiceAccount() throws Exception {
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", K8S);
            claims.put("sub", "system:serviceaccount:payments:refunder");
            claims.put("aud", "gatehouse");
            claims.put("exp", NOW.plusSeconds(600).getEpochSecond());
            claims.put("kubernetes.io", Map.of("namespace", "payments",
                    "serviceaccount", Map.of("name", "refunder", "uid", "7d1c"), "pod", Map.of("name", "r-1")));

            VerifiedToken token = verifier.verify(sign(header("RS256", "k8s-1"), claims, K8S_KEY.getPrivate()));

            assertThat(token.principal().subject()).isEqualTo("system:serviceaccount:payments:refunder");
            assertThat(token.principal().kind()).isEqualTo("kubernetes");
            assertThat(token.principal().claims()).containsKey("kubernetes.io");
        }

        @Test
        void jwtSvidYieldsItsSpiffeId() throws Exception {
            VerifiedToken token = verifier.verify(svid(svidClaims()));

            assertThat(token.principal().spiffeId()).isEqualTo("spiffe://prod.example.org/ns/payments/sa/refunder");
            assertThat(token.principal().kind()).isEqualTo("jwt-svid");
        }

        @Test
        void gatehouseTokenCarriesItsDelegationChain() throws Exception {
            Map<String, Object> claims = svidClaims();
            claims.put("iss", GATEHOUSE);
            claims.put("jti", "t-1");
            claims.put("act", Map.of("sub", "spiffe://prod.example.org/b", "act", Map.of("sub", "spiffe://x/a")));

            VerifiedPrincipal principal = verifier.verify(sign(header("ES256", "gh-1"), claims,
                    GATEHOUSE_KEY.getPrivate())).principal();

            assertThat(principal.actor().subject()).isEqualTo("spiffe://prod.example.org/b");
            assertThat(principal.actor().actor().subject()).isEqualTo("spiffe://x/a");
        }

        @Test
        void expiredJustWithinTheSkewIsStillValid() throws Exception {
            clock.advance(Duration.ofSeconds(300 + 29));

            assertThat(verifier.verify(svid(svidClaims())).principal()).isNotNull();
        }
    }

    @Nested
    @DisplayName("refuses")
    class Refuses {

        @ParameterizedTest(name = "alg \"{0}\"")
        @ValueSource(strings = {"none", "None", "NONE", "nOnE", ""})
        void algNoneInAnySpelling(String alg) {
            String token = TestJwts.unsigned(header(alg, "spire-1"), svidClaims()) + ".";

            assertRejected(() -> verifier.verify(token), RejectionReason.ALGORITHM_NOT_ALLOWED);
        }

        @Test
        void algNoneWithASignatureStillAttached() {
            String valid = svid(svidClaims());
            String forged = TestJwts.encode(header("none", "spire-1")) + valid.substring(valid.indexOf('.'));

            assertRejected(() -> verifier.verify(forged), RejectionReason.ALGORITHM_NOT_ALLOWED);
        }

        @Test
        void hs256SignedWithThePublicKey() {
            String token = TestJwts.hmac(header("HS256", "spire-1"), svidClaims(),
                    SPIRE_KEY.getPublic().getEncoded());

            assertRejected(() -> verifier.verify(token), RejectionReason.ALGORITHM_NOT_ALLOWED);
        }

        @Test
        void anAlgorithmPinnedForAnotherIssuer() {
            Map<String, Object> claims = svidClaims();
            String token = sign(header("RS256", "spire-1"), claims, K8S_KEY.getPrivate());

            assertRejected(() -> verifier.verify(token), RejectionReason.ALGORITHM_NOT_ALLOWED);
        }

        @Test
        void zeroEcdsaSignature() {
            String valid = svid(svidClaims());
            String zero = valid.substring(0, valid.lastIndexOf('.') + 1) + TestJwts.encode(new byte[64]);

            assertRejected(() -> verifier.verify(zero), RejectionReason.BAD_SIGNATURE);
        }

        @Test
        void signatureOfAnotherKey() {
            String token = sign(header("ES256", "spire-1"), svidClaims(), TestJwts.ecKey().getPrivate());

            assertRejected(() -> verifier.verify(token), RejectionReason.BAD_SIGNATURE);
        }

        @Test
        void tamperedClaims() {
            String valid = svid(svidClaims());
            Map<String, Object> claims = svidClaims();
            claims.put("sub", "spiffe://prod.example.org/ns/payments/sa/admin");
            String[] parts = valid.split("\\.");
            String tampered = parts[0] + "." + TestJwts.encode(claims) + "." + parts[2];

            assertRejected(() -> verifier.verify(tampered), RejectionReason.BAD_SIGNATURE);
        }

        @Test
        void wrongAudience() {
            Map<String, Object> claims = svidClaims();
            claims.put("aud", List.of("billing", "orders"));

            assertRejected(() -> verifier.verify(svid(claims)), RejectionReason.WRONG_AUDIENCE);
        }

        @Test
        void missingAudience() {
            Map<String, Object> claims = svidClaims();
            claims.remove("aud");

            assertRejected(() -> verifier.verify(svid(claims)), RejectionReason.MISSING_AUDIENCE);
        }

        @Test
        void wrongIssuer() {
            Map<String, Object> claims = svidClaims();
            claims.put("iss", "https://spire.attacker.example");

            assertRejected(() -> verifier.verify(svid(claims)), RejectionReason.UNTRUSTED_ISSUER);
        }

        @Test
        void expiredJustBeyondTheSkew() {
            clock.advance(Duration.ofSeconds(300 + 31));

            assertRejected(() -> verifier.verify(svid(svidClaims())), RejectionReason.EXPIRED);
        }

        @Test
        void withoutExpiry() {
            Map<String, Object> claims = svidClaims();
            claims.remove("exp");

            assertRejected(() -> verifier.verify(svid(claims)), RejectionReason.EXPIRED);
        }

        @Test
        void notBeforeInTheFuture() {
            Map<String, Object> claims = svidClaims();
            claims.put("nbf", NOW.plusSeconds(31).getEpochSecond());

            assertRejected(() -> verifier.verify(svid(claims)), RejectionReason.NOT_YET_VALID);
        }

        @Test
        void unknownKid() {
            String token = sign(header("ES256", "spire-2"), svidClaims(), SPIRE_KEY.getPrivate());

            assertRejected(() -> verifier.verify(token), RejectionReason.UNKNOWN_KEY);
        }

        @Test
        void missingKid() {
            String token = sign(header("ES256", null), svidClaims(), SPIRE_KEY.getPrivate());

            assertRejected(() -> verifier.verify(token), RejectionReason.UNKNOWN_KEY);
        }

        @Test
        void keyLocatorHeadersAreIgnoredAndNeverFetched() throws Exception {
            KeyPair attacker = TestJwts.ecKey();
            try (ServerSocket trap = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                AtomicInteger connections = countConnections(trap);
                String url = "http://127.0.0.1:" + trap.getLocalPort() + "/jwks.json";
                Map<String, Object> header = header("ES256", "attacker-1");
                header.put("jku", url);
                header.put("x5u", url);
                header.put("jwk", Map.of("kty", "EC", "crv", "P-256", "kid", "attacker-1"));
                String forged = sign(header, svidClaims(), attacker.getPrivate());

                assertRejected(() -> verifier.verify(forged), RejectionReason.UNKNOWN_KEY);
                Thread.sleep(200);
                assertThat(connections.get()).as("connections to the jku/x5u address").isZero();
            }
        }

        @Test
        void tenThousandDeepNestedClaims() {
            StringBuilder nested = new StringBuilder();
            nested.append("[".repeat(10_000)).append("]".repeat(10_000));
            String claims = "{\"iss\":\"" + SPIRE + "\",\"deep\":" + nested + "}";
            String token = TestJwts.encode(header("ES256", "spire-1")) + "."
                    + TestJwts.encode(claims.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".AAAA";
            JwtVerifier roomy = new JwtVerifier(List.of(issuer(SPIRE, TrustedIssuer.JWT_SVID, "prod.example.org",
                    "ES256", "spire-1", SPIRE_KEY.getPublic())),
                    new VerifierLimits(1 << 20, 16, Duration.ofSeconds(30)), clock, jti -> false);

            assertRejected(() -> roomy.verify(token), RejectionReason.TOO_DEEP);
        }

        @Test
        void oneMegabyteToken() {
            Map<String, Object> claims = svidClaims();
            claims.put("padding", "x".repeat(1 << 20));

            assertRejected(() -> verifier.verify(svid(claims)), RejectionReason.OVERSIZE);
        }

        @Test
        void jweAndJsonSerialization() {
            assertRejected(() -> verifier.verify("a.b.c.d.e"), RejectionReason.MALFORMED);
            assertRejected(() -> verifier.verify("{\"payload\":\"x\"}"), RejectionReason.MALFORMED);
        }

        @Test
        void duplicateClaimNames() {
            String claims = "{\"iss\":\"" + SPIRE + "\",\"sub\":\"a\",\"sub\":\"b\"}";
            String token = TestJwts.encode(header("ES256", "spire-1")) + "."
                    + TestJwts.encode(claims.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".AAAA";

            assertRejected(() -> verifier.verify(token), RejectionReason.MALFORMED);
        }

        @Test
        void criticalHeaderExtension() {
            Map<String, Object> header = header("ES256", "spire-1");
            header.put("crit", List.of("exp"));

            assertRejected(() -> verifier.verify(sign(header, svidClaims(), SPIRE_KEY.getPrivate())),
                    RejectionReason.UNSUPPORTED_HEADER);
        }

        @Test
        void svidForAnotherTrustDomain() {
            Map<String, Object> claims = svidClaims();
            claims.put("sub", "spiffe://staging.example.org/ns/payments/sa/refunder");

            assertRejected(() -> verifier.verify(svid(claims)), RejectionReason.BAD_SUBJECT);
        }

        @Test
        void kubernetesTokenWhoseSubjectIsNotAServiceAccount() {
            Map<String, Object> claims = svidClaims();
            claims.put("iss", K8S);
            claims.put("sub", "admin");

            assertRejected(() -> verifier.verify(sign(header("RS256", "k8s-1"), claims, K8S_KEY.getPrivate())),
                    RejectionReason.BAD_SUBJECT);
        }

        @Test
        void revokedGatehouseToken() {
            Map<String, Object> claims = svidClaims();
            claims.put("iss", GATEHOUSE);
            claims.put("jti", "t-revoked");
            String token = sign(header("ES256", "gh-1"), claims, GATEHOUSE_KEY.getPrivate());
            revoked.add("t-revoked");

            assertRejected(() -> verifier.verify(token), RejectionReason.REVOKED);
        }
    }

    @Nested
    @DisplayName("configuration")
    class Configuration {

        @Test
        void anEmptyExpectedAudienceSetIsAStartupError() {
            assertThatThrownBy(() -> new TrustedIssuer(SPIRE, TrustedIssuer.JWT_SVID, "prod.example.org", Set.of(),
                    Set.of("ES256"), kid -> Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audience set is empty");
        }

        @Test
        void hmacOrNoneCannotBeConfigured() {
            assertThatThrownBy(() -> new TrustedIssuer(SPIRE, TrustedIssuer.KUBERNETES, null, Set.of("gatehouse"),
                    Set.of("HS256"), kid -> Optional.empty())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new TrustedIssuer(SPIRE, TrustedIssuer.KUBERNETES, null, Set.of("gatehouse"),
                    Set.of("none"), kid -> Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aSkewBeyondFiveMinutesIsAStartupError() {
            assertThatThrownBy(() -> new VerifierLimits(16384, 16, Duration.ofMinutes(6)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static AtomicInteger countConnections(ServerSocket trap) throws IOException {
        AtomicInteger connections = new AtomicInteger();
        trap.setSoTimeout(100);
        Thread thread = new Thread(() -> {
            while (!trap.isClosed()) {
                try (Socket ignored = trap.accept()) {
                    connections.incrementAndGet();
                } catch (SocketTimeoutException e) {
                    // keep listening until the test closes the socket
                } catch (IOException e) {
                    return;
                }
            }
        });
        thread.setDaemon(true);
        thread.start();
        return connections;
    }
}
