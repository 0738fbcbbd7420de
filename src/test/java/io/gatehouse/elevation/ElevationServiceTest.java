package io.gatehouse.elevation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.gatehouse.engine.PrivilegedOperation;
import io.gatehouse.identity.VerifiedPrincipal;
import io.gatehouse.state.InMemoryRevocationStore;
import io.gatehouse.testing.FakeClock;
import io.gatehouse.testing.RecordingAuditSink;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ElevationServiceTest {

    static final VerifiedPrincipal ALICE = principal("spiffe://prod/ns/pay/sa/alice");
    static final VerifiedPrincipal BOB = principal("spiffe://prod/ns/sec/sa/bob");
    static final VerifiedPrincipal MALLORY = principal("spiffe://prod/ns/x/sa/mallory");

    static final Map<String, PrivilegedOperation> CATALOG = Map.of(
            "cache.flush", operation("cache.flush", "low"),
            "refund.issue", operation("refund.issue", "high"));

    final FakeClock clock = FakeClock.at("2026-03-01T12:00:00Z");
    final RecordingAuditSink audit = new RecordingAuditSink();
    final InMemoryRevocationStore revocations = new InMemoryRevocationStore(100, clock);
    final InMemoryElevationStore store = new InMemoryElevationStore(100, Duration.ofHours(1), clock);
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    ElevationPolicy policy = new BuiltinElevationPolicy();

    ElevationService service() {
        return new ElevationService(store, revocations, query -> policy.decide(query),
                name -> Optional.ofNullable(CATALOG.get(name)), audit,
                new ElevationLimits(Duration.ofHours(2), 10, 2000), clock, metrics);
    }

    final ElevationService service = service();

    static ElevationRequest ask(String operation, String resource, JsonNode duration) {
        return new ElevationRequest(operation, TextNode.valueOf(resource), duration, "incident INC-4711 needs it");
    }

    Elevation requestRefund() throws ElevationException {
        return service.request(ALICE, ask("refund.issue", "order-17", TextNode.valueOf("PT10M")), CallerContext.NONE);
    }

    double activeGauge() {
        return metrics.get("gatehouse_elevations_active").gauge().value();
    }

    @Test
    void whenLowRiskOperationIsRequestedThenItIsActiveAtOnceAndAudited() throws ElevationException {
        Elevation elevation = service.request(ALICE, ask("cache.flush", "eu-1", IntNode.valueOf(600)),
                CallerContext.NONE);

        assertThat(elevation.status()).isEqualTo(Elevation.Status.ACTIVE);
        assertThat(elevation.expiresAt()).isEqualTo(clock.instant().plusSeconds(600));
        assertThat(audit.types()).containsExactly("elevation.requested");
        assertThat(activeGauge()).isEqualTo(1.0);
    }

    @Test
    void whenHighRiskOperationIsRequestedThenItWaitsForApprovalEvenIfThePolicyWouldNotAskForIt()
            throws ElevationException {
        policy = query -> new ElevationVerdict(true, List.of(), Optional.empty(), false, null);

        Elevation elevation = requestRefund();

        assertThat(elevation.status()).isEqualTo(Elevation.Status.PENDING);
        assertThat(service.activeFor(ALICE, "refund.issue", TextNode.valueOf("order-17"))).isEmpty();
    }

    @Test
    void whenOperationIsNotInTheCatalogThenItIsTreatedAsHighRisk() throws ElevationException {
        Elevation elevation = service.request(ALICE, ask("db.drop", "orders", TextNode.valueOf("PT5M")),
                CallerContext.NONE);

        assertThat(elevation.approvalRequired()).isTrue();
    }

    @Nested
    class Approval {

        @Test
        void whenRequesterApprovesTheirOwnElevationThenRefusedAndAudited() throws ElevationException {
            Elevation pending = requestRefund();

            assertRefused(() -> service.approve(ALICE, pending.id(), CallerContext.NONE), 403, "self_approval");
            assertThat(audit.types()).containsExactly("elevation.requested", "elevation.refused");
            assertThat(service.find(pending.id()).orElseThrow().status()).isEqualTo(Elevation.Status.PENDING);
        }

        @Test
        void whenAnotherPrincipalApprovesThenItIsActiveUntilTheOriginalExpiry() throws ElevationException {
            Elevation pending = requestRefund();
            clock.advance(Duration.ofMinutes(3));

            Elevation approved = service.approve(BOB, pending.id(), CallerContext.NONE);

            assertThat(approved.status()).isEqualTo(Elevation.Status.ACTIVE);
            assertThat(approved.approvedBy()).isEqualTo(BOB.subject());
            assertThat(approved.expiresAt()).isEqualTo(pending.expiresAt());
            assertThat(audit.types()).containsExactly("elevation.requested", "elevation.approved");
            assertThat(service.activeFor(ALICE, "refund.issue", TextNode.valueOf("order-17"))).isPresent();
        }

        @Test
        void whenApprovalComesAfterTheExpiryThenRefused() throws ElevationException {
            Elevation pending = requestRefund();
            clock.advance(Duration.ofMinutes(10));

            assertRefused(() -> service.approve(BOB, pending.id(), CallerContext.NONE), 409, "expired");
            assertThat(audit.types()).containsExactly("elevation.requested", "elevation.refused");
        }

        @Test
        void whenApprovalComesOneSecondBeforeTheExpiryThenAccepted() throws ElevationException {
            Elevation pending = requestRefund();
            clock.advance(Duration.ofMinutes(10).minusSeconds(1));

            assertThat(service.approve(BOB, pending.id(), CallerContext.NONE).status())
                    .isEqualTo(Elevation.Status.ACTIVE);
        }

        @Test
        void whenElevationIsApprovedTwiceThenTheSecondIsRefused() throws ElevationException {
            Elevation pending = requestRefund();
            service.approve(BOB, pending.id(), CallerContext.NONE);

            assertRefused(() -> service.approve(MALLORY, pending.id(), CallerContext.NONE), 409, "not_pending");
        }

        @Test
        void whenTheAuditLogIsDownThenNothingIsApproved() throws ElevationException {
            Elevation pending = requestRefund();
            audit.failing(true);

            assertRefused(() -> service.approve(BOB, pending.id(), CallerContext.NONE), 503, "audit_unavailable");
            assertThat(service.find(pending.id()).orElseThrow().status()).isEqualTo(Elevation.Status.PENDING);
        }
    }

    @Nested
    class Limits {

        @Test
        void whenDurationIsAboveThePolicyMaximumThenRefused() {
            assertRefused(() -> service.request(ALICE, ask("refund.issue", "order-17", TextNode.valueOf("PT20M")),
                    CallerContext.NONE), 403, "policy_denied");
            assertThat(audit.types()).containsExactly("elevation.refused");
        }

        @Test
        void whenPolicyGrantsLessThanAskedThenRefusedNamingTheMaximum() {
            policy = query -> new ElevationVerdict(true, List.of(), Optional.of(Duration.ofMinutes(5)), false, null);

            assertRefused(() -> service.request(ALICE, ask("cache.flush", "eu-1", TextNode.valueOf("PT6M")),
                    CallerContext.NONE), 403, "duration_exceeded");
        }

        @Test
        void whenDurationIsAboveTheHardMaximumThenRefusedWhateverThePolicySays() {
            policy = query -> new ElevationVerdict(true, List.of(), Optional.empty(), false, null);

            assertRefused(() -> service.request(ALICE, ask("cache.flush", "eu-1", TextNode.valueOf("PT3H")),
                    CallerContext.NONE), 400, "invalid_request");
        }

        @Test
        void whenJustificationIsTooShortThenTheFieldIsNamed() {
            ElevationRequest terse = new ElevationRequest("cache.flush", TextNode.valueOf("eu-1"),
                    TextNode.valueOf("PT5M"), "pls");

            assertThatThrownBy(() -> service.request(ALICE, terse, CallerContext.NONE))
                    .hasMessageContaining("field 'justification' must be 10 to 2000 characters, given 3");
        }

        @Test
        void whenDurationIsMalformedThenTheFieldIsNamed() {
            assertThatThrownBy(() -> service.request(ALICE, ask("cache.flush", "eu-1", TextNode.valueOf("10 min")),
                    CallerContext.NONE)).hasMessageContaining("field 'duration' is not an ISO 8601 duration");
        }

        @Test
        void whenPolicyDeniesThenItsReasonsAreReturnedAndAudited() {
            policy = query -> ElevationVerdict.deny("refunds are frozen during the audit");

            assertThatThrownBy(() -> service.request(ALICE, ask("cache.flush", "eu-1", TextNode.valueOf("PT5M")),
                    CallerContext.NONE)).isInstanceOfSatisfying(ElevationException.class,
                            refused -> assertThat(refused.reasons()).containsExactly(
                                    "refunds are frozen during the audit"));
            assertThat(audit.events().get(0).reasons()).containsExactly("refunds are frozen during the audit");
        }

        @Test
        void whenTheAuditLogIsDownThenNoElevationIsGranted() {
            audit.failing(true);

            assertRefused(() -> service.request(ALICE, ask("cache.flush", "eu-1", TextNode.valueOf("PT5M")),
                    CallerContext.NONE), 503, "audit_unavailable");
            assertThat(service.activeFor(ALICE, "cache.flush", TextNode.valueOf("eu-1"))).isEmpty();
        }
    }

    @Nested
    class UseRevocationAndExpiry {

        Elevation active;

        UseRevocationAndExpiry() throws ElevationException {
            active = service.approve(BOB, requestRefund().id(), CallerContext.NONE);
        }

        @Test
        void whenElevationIsActiveThenPoliciesSeeItForItsOperationAndResourceOnly() {
            JsonNode seen = service.activeFor(ALICE, "refund.issue",
                    JsonNodeFactory.instance.objectNode().put("id", "order-17").put("amount", 900)).orElseThrow();

            assertThat(seen.get("id").asText()).isEqualTo(active.id());
            assertThat(seen.get("approved_by").asText()).isEqualTo(BOB.subject());
            assertThat(service.activeFor(ALICE, "refund.issue", TextNode.valueOf("order-18"))).isEmpty();
            assertThat(service.activeFor(ALICE, "cache.flush", TextNode.valueOf("order-17"))).isEmpty();
            assertThat(service.activeFor(BOB, "refund.issue", TextNode.valueOf("order-17"))).isEmpty();
            assertThat(audit.types()).endsWith("elevation.used");
        }

        @Test
        void whenRevokedMidUseThenItIsGoneAtOnceAndItsTokensAreRevoked() throws ElevationException {
            service.recordIssuedToken(active.id(), "jti-under-elevation", clock.instant().plusSeconds(300));
            assertThat(service.activeFor(ALICE, "refund.issue", TextNode.valueOf("order-17"))).isPresent();

            service.revoke(ALICE, active.id(), CallerContext.NONE);

            assertThat(service.activeFor(ALICE, "refund.issue", TextNode.valueOf("order-17"))).isEmpty();
            assertThat(revocations.isRevoked("jti-under-elevation")).isTrue();
            assertThat(audit.types()).endsWith("elevation.revoked");
            assertThat(activeGauge()).isEqualTo(0.0);
            assertRefused(() -> service.recordIssuedToken(active.id(), "jti-late", clock.instant().plusSeconds(60)),
                    409, "not_active");
        }

        @Test
        void whenSomeoneElseRevokesThenThePolicyRefuses() {
            assertRefused(() -> service.revoke(MALLORY, active.id(), CallerContext.NONE), 403, "policy_denied");
        }

        @Test
        void whenTheHardExpiryPassesThenItEndsEvenBeforeTheSweepAndTheSweepAuditsItOnce()
                throws ElevationException {
            service.recordIssuedToken(active.id(), "jti-1", clock.instant().plusSeconds(900));
            clock.set(active.expiresAt());

            assertThat(service.activeFor(ALICE, "refund.issue", TextNode.valueOf("order-17"))).isEmpty();
            assertThat(service.sweep()).isEqualTo(1);
            assertThat(service.sweep()).isZero();
            assertThat(audit.types()).filteredOn("elevation.expired"::equals).hasSize(1);
            assertThat(revocations.isRevoked("jti-1")).isTrue();
            assertThat(service.find(active.id()).orElseThrow().status()).isEqualTo(Elevation.Status.EXPIRED);
        }
    }

    private static void assertRefused(ThrowableAssert.ThrowingCallable call, int status, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ElevationException.class, refused -> {
            assertThat(refused.status()).isEqualTo(status);
            assertThat(refused.code()).isEqualTo(code);
        });
    }

    static VerifiedPrincipal principal(String spiffeId) {
        return new VerifiedPrincipal(spiffeId, "x509-svid", "prod", spiffeId, Map.of(), null);
    }

    static PrivilegedOperation operation(String name, String risk) {
        return new PrivilegedOperation(name, "team", risk, "test operation", "test", List.of(), "test.pol:1:1");
    }
}
