package io.gatehouse.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.testing.FakeClock;
import io.gatehouse.testing.Proofs;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProofVerifierTest {

    static final String URL = "https://gatehouse.example/v1/elevations";
    static final HttpRequestInfo POST = new HttpRequestInfo("POST", URI.create(URL), null);
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    final FakeClock clock = new FakeClock(NOW);
    final Proofs caller = Proofs.es256();

    ProofVerifier verifier(Duration lifetime, Duration skew) {
        return new ProofVerifier(ProofRules.of(lifetime, skew), clock);
    }

    final ProofVerifier verifier = verifier(Duration.ofSeconds(60), Duration.ofSeconds(5));

    @Nested
    @DisplayName("the time window is [iat - skew, iat + lifetime + skew]")
    class Window {

        @ParameterizedTest(name = "lifetime {0}s, skew {1}s, iat {2}s from now: {3}")
        @CsvSource({
            "60, 5, -65, accepted,  'oldest proof still inside lifetime plus skew'",
            "60, 5, -66, WINDOW,    'one second past lifetime plus skew'",
            "60, 0, -60, accepted,  'without skew the lifetime alone is the window'",
            "60, 0, -61, WINDOW,    'without skew one second past the lifetime is refused'",
            "60, 5, 5,   accepted,  'iat ahead of our clock by exactly the skew'",
            "60, 5, 6,   WINDOW,    'iat ahead of our clock by more than the skew'",
            "60, 0, 1,   WINDOW,    'without skew any future iat is refused'",
            "60, 0, 0,   accepted,  'iat equal to now'",
        })
        void edgesOfTheWindow(long lifetime, long skew, long offset, String expected, String note) {
            ProofVerifier windowed = verifier(Duration.ofSeconds(lifetime), Duration.ofSeconds(skew));
            String proof = caller.proof("POST", URL, NOW.plusSeconds(offset)).sign();

            if ("accepted".equals(expected)) {
                assertThat(verifyQuietly(windowed, proof)).as(note).isNotNull();
            } else {
                assertThatThrownBy(() -> windowed.verify(proof, POST)).as(note)
                        .isInstanceOfSatisfying(ProofException.class,
                                refused -> assertThat(refused.reason()).isEqualTo(ReplayReason.valueOf(expected)));
            }
        }

        @Test
        void whenProofIsAcceptedThenItsNonceIsRetainedUntilLifetimePlusSkew() throws ProofException {
            String proof = caller.proof("POST", URL, NOW.minusSeconds(10)).sign();

            VerifiedProof verified = verifier.verify(proof, POST);

            assertThat(verified.retainUntil()).isEqualTo(NOW.minusSeconds(10).plusSeconds(65));
        }
    }

    @Test
    void whenProofIsValidThenItCarriesNonceAndKeyThumbprint() throws ProofException {
        String proof = caller.proof("POST", URL, NOW).nonce("nonce-0123456789abcdef").sign();

        VerifiedProof verified = verifier.verify(proof, POST);

        assertThat(verified.nonce()).isEqualTo("nonce-0123456789abcdef");
        assertThat(verified.keyThumbprint()).isEqualTo(caller.thumbprint());
    }

    @Test
    void whenProofIsSignedWithEd25519ThenItIsAccepted() throws ProofException {
        Proofs edwards = Proofs.ed25519();

        VerifiedProof verified = verifier.verify(edwards.proof("POST", URL, NOW).sign(), POST);

        assertThat(verified.keyThumbprint()).isEqualTo(edwards.thumbprint());
    }

    @Test
    void whenHtuDiffersOnlyByDefaultPortCaseOrQueryThenItStillMatches() throws ProofException {
        String proof = caller.proof("POST", "HTTPS://Gatehouse.Example:443/v1/elevations?x=1", NOW).sign();

        assertThat(verifier.verify(proof, POST)).isNotNull();
    }

    @Nested
    @DisplayName("invalid proofs are refused, each with its own reason")
    class Invalid {

        @Test
        void missing() {
            assertInvalid(() -> verifier.verify(null, POST), "proof is missing");
        }

        @Test
        void notACompactJws() {
            assertInvalid(() -> verifier.verify("abc.def", POST), "not a compact JWS");
        }

        @Test
        void oversize() {
            String proof = caller.proof("POST", URL, NOW).claim("pad", "x".repeat(9000)).sign();
            assertInvalid(() -> verifier.verify(proof, POST), "the limit is 8192");
        }

        @Test
        void algorithmNone() {
            String header = encode("{\"alg\":\"none\",\"typ\":\"gatehouse-proof+jwt\"}");
            String payload = encode("{\"jti\":\"" + Proofs.freshNonce() + "\",\"htm\":\"POST\",\"htu\":\"" + URL
                    + "\",\"iat\":" + NOW.getEpochSecond() + "}");
            assertInvalid(() -> verifier.verify(header + "." + payload + ".", POST), "");
        }

        @Test
        void algorithmNotPinned() {
            String proof = caller.proof("POST", URL, NOW).headerAlgorithm("ES384").sign();
            assertInvalid(() -> verifier.verify(proof, POST), "");
        }

        @Test
        void wrongType() {
            String proof = caller.proof("POST", URL, NOW).type("JWT").sign();
            assertInvalid(() -> verifier.verify(proof, POST), "proof type 'JWT'");
        }

        @Test
        void noEmbeddedKey() {
            String proof = caller.proof("POST", URL, NOW).withoutKey().sign();
            assertInvalid(() -> verifier.verify(proof, POST), "no 'jwk'");
        }

        @Test
        void privateKeyInHeader() {
            String proof = caller.proof("POST", URL, NOW).withPrivateKey().sign();
            assertInvalid(() -> verifier.verify(proof, POST), "'jwk'");
        }

        @Test
        void signedByAnotherKeyThanTheEmbeddedOne() {
            String proof = caller.proof("POST", URL, NOW).sign();
            String other = Proofs.es256().proof("POST", URL, NOW).sign();
            String forged = other.substring(0, other.indexOf('.')) + proof.substring(proof.indexOf('.'));
            assertInvalid(() -> verifier.verify(forged, POST), "signature");
        }

        @Test
        void zeroSignature() {
            String proof = caller.proof("POST", URL, NOW).sign();
            String zero = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[64]);
            assertInvalid(() -> verifier.verify(proof.substring(0, proof.lastIndexOf('.') + 1) + zero, POST),
                    "degenerate");
        }

        @Test
        void tamperedPayload() {
            String proof = caller.proof("POST", URL, NOW).sign();
            String[] parts = proof.split("\\.");
            String payload = encode("{\"jti\":\"" + Proofs.freshNonce() + "\",\"htm\":\"POST\",\"htu\":\"" + URL
                    + "\",\"iat\":" + NOW.getEpochSecond() + "}");
            assertInvalid(() -> verifier.verify(parts[0] + "." + payload + "." + parts[2], POST), "signature");
        }

        @Test
        void shortNonce() {
            String proof = caller.proof("POST", URL, NOW).nonce("abc").sign();
            assertInvalid(() -> verifier.verify(proof, POST), "'jti' must be 16 to 128");
        }

        @Test
        void nonceWithSeparators() {
            String proof = caller.proof("POST", URL, NOW).nonce("0123456789abcdef:*").sign();
            assertInvalid(() -> verifier.verify(proof, POST), "may hold only");
        }

        @Test
        void missingIat() {
            String proof = caller.proof("POST", URL, NOW).without("iat").sign();
            assertInvalid(() -> verifier.verify(proof, POST), "'iat' is missing");
        }

        @Test
        void otherMethod() {
            String proof = caller.proof("DELETE", URL, NOW).sign();
            assertInvalid(() -> verifier.verify(proof, POST), "'htm' is 'DELETE'");
        }

        @Test
        void otherUri() {
            String proof = caller.proof("POST", "https://gatehouse.example/v1/elevations/x/approve", NOW).sign();
            assertInvalid(() -> verifier.verify(proof, POST), "'htu'");
        }

        @Test
        void bearerRequestWithoutAth() {
            HttpRequestInfo withToken = new HttpRequestInfo("POST", URI.create(URL), "token-abc");
            String proof = caller.proof("POST", URL, NOW).sign();
            assertInvalid(() -> verifier.verify(proof, withToken), "'ath' is missing");
        }

        @Test
        void bearerRequestWithAthOfAnotherToken() {
            HttpRequestInfo withToken = new HttpRequestInfo("POST", URI.create(URL), "token-abc");
            String proof = caller.proof("POST", URL, NOW).claim("ath", ProofVerifier.accessTokenHash("other"))
                    .sign();
            assertInvalid(() -> verifier.verify(proof, withToken), "'ath' does not match");
        }
    }

    @Test
    void whenBearerRequestCarriesMatchingAthThenAccepted() throws ProofException {
        HttpRequestInfo withToken = new HttpRequestInfo("POST", URI.create(URL), "token-abc");
        String proof = caller.proof("POST", URL, NOW).claim("ath", ProofVerifier.accessTokenHash("token-abc")).sign();

        assertThat(verifier.verify(proof, withToken)).isNotNull();
    }

    @Test
    void whenSkewIsBeyondFiveMinutesThenConfigurationIsRefused() {
        assertThatThrownBy(() -> ProofRules.of(Duration.ofSeconds(60), Duration.ofMinutes(6)))
                .hasMessageContaining("gatehouse.replay.max-clock-skew");
    }

    private static VerifiedProof verifyQuietly(ProofVerifier verifier, String proof) {
        try {
            return verifier.verify(proof, POST);
        } catch (ProofException refused) {
            throw new AssertionError("expected acceptance, was refused: " + refused.getMessage(), refused);
        }
    }

    private static void assertInvalid(ThrowableAssert.ThrowingCallable call, String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProofException.class, refused -> {
            assertThat(refused.reason()).isEqualTo(ReplayReason.INVALID);
            assertThat(refused.getMessage()).contains(messagePart);
        });
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
