package io.gatehouse.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.identity.VerifiedPrincipal;
import io.gatehouse.state.InMemoryNonceStore;
import io.gatehouse.state.NonceStore;
import io.gatehouse.state.StateUnavailableException;
import io.gatehouse.testing.FakeClock;
import io.gatehouse.testing.Proofs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {

    static final String URL = "https://gatehouse.example/v1/elevations";
    static final HttpRequestInfo POST = new HttpRequestInfo("POST", URI.create(URL), null);
    static final VerifiedPrincipal MTLS_CALLER = new VerifiedPrincipal("spiffe://prod/payments", "x509-svid",
            "prod", "spiffe://prod/payments", Map.of(), null);

    final FakeClock clock = FakeClock.at("2026-03-01T12:00:00Z");
    final Instant start = clock.instant();
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    final Proofs caller = Proofs.es256();

    ReplayGuard guard(Duration lifetime, Duration skew, NonceStore store) {
        return new ReplayGuard(new ProofVerifier(ProofRules.of(lifetime, skew), clock), store, metrics);
    }

    final InMemoryNonceStore store = new InMemoryNonceStore(1000, clock);
    final ReplayGuard guard = guard(Duration.ofSeconds(60), Duration.ofSeconds(5), store);

    double refused(String reason) {
        return metrics.get("gatehouse_replay_refused_total").tag("reason", reason).counter().count();
    }

    @Test
    void whenProofIsFreshThenAcceptedAndWhenSentAgainThenRefusedAsReplay() {
        String proof = caller.proof("POST", URL, start).sign();

        assertThat(guard.check(POST, proof, MTLS_CALLER).accepted()).isTrue();
        ReplayVerdict again = guard.check(POST, proof, MTLS_CALLER);

        assertThat(again).isEqualTo(new ReplayVerdict.Refused(ReplayReason.REPLAYED,
                "proof nonce was already used: the request is a replay"));
        assertThat(refused("replayed")).isEqualTo(1.0);
    }

    @Test
    void whenLifetimePlusSkewExceedsLifetimeThenNonceIsStillRememberedAfterTheLifetimeAlone() {
        ReplayGuard skewed = guard(Duration.ofSeconds(60), Duration.ofSeconds(30), store);
        String proof = caller.proof("POST", URL, start).sign();
        assertThat(skewed.check(POST, proof, MTLS_CALLER).accepted()).isTrue();

        clock.advance(Duration.ofSeconds(75));
        store.purgeExpired();

        assertThat(skewed.check(POST, proof, MTLS_CALLER))
                .as("past the lifetime but inside lifetime plus skew: a replay, not a fresh request")
                .isInstanceOfSatisfying(ReplayVerdict.Refused.class,
                        refused -> assertThat(refused.reason()).isEqualTo(ReplayReason.REPLAYED));

        clock.advance(Duration.ofSeconds(16));
        assertThat(skewed.check(POST, proof, MTLS_CALLER)).isInstanceOfSatisfying(ReplayVerdict.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(ReplayReason.WINDOW));
    }

    @Test
    void whenStoreIsFloodedWithFreshNoncesThenNewRequestsAreRefusedAndTheOldOneStillCountsAsReplay() {
        ReplayGuard small = guard(Duration.ofSeconds(60), Duration.ofSeconds(5), new InMemoryNonceStore(100, clock));
        String old = caller.proof("POST", URL, start).sign();
        assertThat(small.check(POST, old, MTLS_CALLER).accepted()).isTrue();

        for (int i = 0; i < 99; i++) {
            assertThat(small.check(POST, caller.proof("POST", URL, start).sign(), MTLS_CALLER).accepted()).isTrue();
        }
        ReplayVerdict overflow = small.check(POST, caller.proof("POST", URL, start).sign(), MTLS_CALLER);
        ReplayVerdict replay = small.check(POST, old, MTLS_CALLER);

        assertThat(overflow).isInstanceOfSatisfying(ReplayVerdict.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(ReplayReason.STORE_FULL));
        assertThat(replay).isInstanceOfSatisfying(ReplayVerdict.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(ReplayReason.REPLAYED));
        assertThat(metrics.get("gatehouse_nonce_store_full_total").counter().count()).isEqualTo(1.0);
        assertThat(refused("store_full")).isEqualTo(1.0);
    }

    @Test
    void whenManyThreadsSendTheSameProofAtOnceThenExactlyOneIsAccepted() throws Exception {
        String proof = caller.proof("POST", URL, start).sign();

        List<ReplayVerdict> verdicts = io.gatehouse.testing.Race.run(32,
                () -> guard.check(POST, proof, MTLS_CALLER));

        assertThat(verdicts).filteredOn(ReplayVerdict::accepted).hasSize(1);
        assertThat(refused("replayed")).isEqualTo(31.0);
    }

    @Test
    void whenProofIsInvalidThenItsNonceIsNotConsumed() {
        String nonce = Proofs.freshNonce();
        String wrongMethod = caller.proof("DELETE", URL, start).nonce(nonce).sign();
        String right = caller.proof("POST", URL, start).nonce(nonce).sign();

        assertThat(guard.check(POST, wrongMethod, MTLS_CALLER).accepted()).isFalse();

        assertThat(guard.check(POST, right, MTLS_CALLER).accepted()).isTrue();
        assertThat(refused("invalid")).isEqualTo(1.0);
    }

    @Test
    void whenProofIsOutsideItsWindowThenRefusedWithWindowReason() {
        String stale = caller.proof("POST", URL, start.minusSeconds(66)).sign();

        assertThat(guard.check(POST, stale, MTLS_CALLER)).isInstanceOfSatisfying(ReplayVerdict.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(ReplayReason.WINDOW));
        assertThat(refused("window")).isEqualTo(1.0);
    }

    @Test
    void whenNonceStoreIsUnavailableThenTheRequestIsRefused() {
        NonceStore down = new NonceStore() {
            @Override
            public PutResult putIfAbsent(String nonce, Instant expiresAt) throws StateUnavailableException {
                throw new StateUnavailableException("connection refused", null);
            }

            @Override
            public void ping() throws StateUnavailableException {
                throw new StateUnavailableException("connection refused", null);
            }
        };
        ReplayGuard failing = guard(Duration.ofSeconds(60), Duration.ofSeconds(5), down);

        ReplayVerdict verdict = failing.check(POST, caller.proof("POST", URL, start).sign(), MTLS_CALLER);

        assertThat(verdict).isInstanceOfSatisfying(ReplayVerdict.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(ReplayReason.UNAVAILABLE));
        assertThat(refused("unavailable")).isEqualTo(1.0);
    }

    @Nested
    class KeyBinding {

        VerifiedPrincipal bearer(Map<String, Object> claims) {
            return new VerifiedPrincipal("system:serviceaccount:pay:refunds", "kubernetes", "https://k8s", null,
                    claims, null);
        }

        @Test
        void whenBearerTokenNamesTheProofKeyThenAccepted() {
            VerifiedPrincipal bound = bearer(Map.of("cnf", Map.of("jkt", caller.thumbprint())));

            assertThat(guard.check(POST, caller.proof("POST", URL, start).sign(), bound).accepted()).isTrue();
        }

        @Test
        void whenBearerTokenNamesAnotherKeyThenRefused() {
            VerifiedPrincipal bound = bearer(Map.of("cnf", Map.of("jkt", Proofs.es256().thumbprint())));

            ReplayVerdict verdict = guard.check(POST, caller.proof("POST", URL, start).sign(), bound);

            assertThat(verdict).isInstanceOfSatisfying(ReplayVerdict.Refused.class,
                    refused -> assertThat(refused.message()).contains("cnf.jkt"));
        }

        @Test
        void whenBearerTokenNamesNoKeyThenRefused() {
            ReplayVerdict verdict = guard.check(POST, caller.proof("POST", URL, start).sign(), bearer(Map.of()));

            assertThat(verdict).isInstanceOfSatisfying(ReplayVerdict.Refused.class,
                    refused -> assertThat(refused.message()).contains("not bound to a proof key"));
        }

        @Test
        void whenCallerIsUnauthenticatedThenRefused() {
            ReplayVerdict verdict = guard.check(POST, caller.proof("POST", URL, start).sign(), null);

            assertThat(verdict).isInstanceOfSatisfying(ReplayVerdict.Refused.class,
                    refused -> assertThat(refused.reason()).isEqualTo(ReplayReason.INVALID));
        }

        @Test
        void whenCallerUsedMtlsThenAnyProofKeyGivesFreshness() {
            assertThat(guard.check(POST, Proofs.ed25519().proof("POST", URL, start).sign(), MTLS_CALLER).accepted())
                    .isTrue();
        }
    }
}
