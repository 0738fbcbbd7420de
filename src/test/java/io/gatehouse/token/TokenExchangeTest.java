package io.gatehouse.token;

import static io.gatehouse.identity.TestJwts.header;
import static io.gatehouse.identity.TestJwts.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.AuditSink;
import io.gatehouse.decision.DecisionOutcome;
import io.gatehouse.decision.DecisionQuery;
import io.gatehouse.decision.RequestContext;
import io.gatehouse.engine.Decision;
import io.gatehouse.identity.CredentialRejectedException;
import io.gatehouse.identity.FakeClock;
import io.gatehouse.identity.JwtVerifier;
import io.gatehouse.identity.RejectionReason;
import io.gatehouse.identity.TestJwts;
import io.gatehouse.identity.TrustedIssuer;
import io.gatehouse.identity.VerifiedPrincipal;
import io.gatehouse.identity.VerifiedToken;
import io.gatehouse.identity.VerifierLimits;
import io.gatehouse.value.Value;
import io.gatehouse.value.Values;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("RFC 8693 token exchange")
class TokenExchangeTest {

    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    static final String SPIRE = "https://spire.prod.example.org";
    static final String K8S = "https://kubernetes.default.svc.cluster.local";
    static final String GATEHOUSE = "https://gatehouse.example.org";
    static final String REFUNDER = "spiffe://prod.example.org/ns/payments/sa/refunder";
    static final String MALLORY = "spiffe://prod.example.org/ns/tools/sa/mallory";
    static final String SERVICE_ACCOUNT = "system:serviceaccount:payments:refunder";
    static final KeyPair SPIRE_KEY = TestJwts.ecKey();
    static final KeyPair K8S_KEY = TestJwts.ecKey();
    static final RequestContext CONTEXT = new RequestContext("127.0.0.1", "corr-1");
    static final ObjectMapper JSON = new ObjectMapper();

    final FakeClock clock = new FakeClock(T0);
    final List<DecisionQuery> queries = new ArrayList<>();
    final List<AuditEvent> events = new ArrayList<>();
    final AuditSink audit = new AuditSink() {
        @Override
        public void record(AuditEvent event) {
            events.add(event);
        }

        @Override
        public boolean writable() {
            return true;
        }
    };
    Function<DecisionQuery, Decision> policy = query -> decision(true, List.of(), Map.of("max_ttl", 120));
    KeyRing keys;
    RevocationList revocations;
    JwtVerifier verifier;
    TokenExchange exchange;

    @BeforeEach
    void setUp(@TempDir Path state) throws Exception {
        keys = new KeyRing(List.of(), new RotationPolicy(Duration.ofHours(1), Duration.ofMinutes(10),
                Duration.ofMinutes(20)), true);
        keys.rotateIfDue(T0);
        revocations = new RevocationList(state.resolve("revocations"), clock);
        verifier = verifierFor("gatehouse");
        exchange = new TokenExchange(verifier, new TokenIssuer(GATEHOUSE, keys), this::decide, audit, clock,
                Duration.ofMinutes(5), Duration.ofMinutes(15));
    }

    JwtVerifier verifierFor(String audience) {
        return new JwtVerifier(List.of(
                new TrustedIssuer(SPIRE, TrustedIssuer.JWT_SVID, "prod.example.org", Set.of("gatehouse"),
                        Set.of("ES256"), kid -> kid.equals("spire-1") ? Optional.of(SPIRE_KEY.getPublic())
                                : Optional.empty()),
                new TrustedIssuer(K8S, TrustedIssuer.KUBERNETES, null, Set.of("gatehouse"), Set.of("ES256"),
                        kid -> kid.equals("k8s-1") ? Optional.of(K8S_KEY.getPublic()) : Optional.empty()),
                new TrustedIssuer(GATEHOUSE, TrustedIssuer.GATEHOUSE, null, Set.of(audience), Set.of("ES256"),
                        kid -> keys.verificationKey(kid, clock.instant()))),
                VerifierLimits.DEFAULT, clock, revocations::isRevoked);
    }

    DecisionOutcome decide(DecisionQuery query) {
        queries.add(query);
        return new DecisionOutcome("d-" + queries.size(), clock.instant(), policy.apply(query), query.input());
    }

    static Decision decision(boolean allowed, List<String> reasons, Map<String, Object> obligations) {
        Value.Obj values = (Value.Obj) Values.fromJson(JSON.valueToTree(obligations));
        return new Decision(allowed, reasons, values, "rev-1", null, false, null, List.of(), null);
    }

    static String svid(String subject, String... audiences) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", SPIRE);
        claims.put("sub", subject);
        claims.put("aud", List.of(audiences));
        claims.put("exp", T0.plusSeconds(600).getEpochSecond());
        return sign(header("ES256", "spire-1"), claims, SPIRE_KEY.getPrivate());
    }

    static String serviceAccountToken() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", K8S);
        claims.put("sub", SERVICE_ACCOUNT);
        claims.put("aud", "gatehouse");
        claims.put("exp", T0.plusSeconds(7200).getEpochSecond());
        return sign(header("ES256", "k8s-1"), claims, K8S_KEY.getPrivate());
    }

    static ExchangeRequest request(String subjectToken, String audience, String scope) {
        return new ExchangeRequest(TokenExchange.GRANT_TYPE, subjectToken, TokenExchange.TYPE_JWT, null, null,
                List.of(audience), List.of(), scope, null);
    }

    static ExchangeRequest delegation(String subjectToken, String actorToken, String audience) {
        return new ExchangeRequest(TokenExchange.GRANT_TYPE, subjectToken, TokenExchange.TYPE_JWT, actorToken,
                TokenExchange.TYPE_JWT, List.of(audience), List.of(), null, null);
    }

    static ExchangeResult.Issued issued(ExchangeResult result) {
        assertThat(result).as(result.toString()).isInstanceOf(ExchangeResult.Issued.class);
        return (ExchangeResult.Issued) result;
    }

    static ExchangeResult.Refused refused(ExchangeResult result) {
        assertThat(result).isInstanceOf(ExchangeResult.Refused.class);
        return (ExchangeResult.Refused) result;
    }

    static JsonNode part(String token, int index) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
    }

    @Test
    @DisplayName("a service-account token becomes a scoped, audience-bound token cut to the policy's max_ttl")
    void serviceAccountTokenToScopedToken() throws Exception {
        ExchangeResult.Issued issued = issued(exchange.exchange(
                request(serviceAccountToken(), "payments-api", "refunds:read refunds:write"), null, CONTEXT));

        VerifiedToken token = verifierFor("payments-api").verify(issued.accessToken());
        assertThat(token.principal().subject()).isEqualTo(SERVICE_ACCOUNT);
        assertThat(token.claims().get("scope").asText()).isEqualTo("refunds:read refunds:write");
        assertThat(token.claims().get("exp").asLong() - token.claims().get("iat").asLong()).isEqualTo(120);
        assertThat(token.claims().has("act")).isFalse();
        assertThat(token.jti()).isNotBlank();
        assertThat(part(issued.accessToken(), 0).get("kid").asText()).isEqualTo(keys.signing(T0).kid());
        assertThat(issued.expiresIn()).isEqualTo(120);
        assertThat(issued.tokenType()).isEqualTo("Bearer");
        assertThat(queries.get(0).policy()).isEqualTo("gatehouse.token");
        assertThat(queries.get(0).principal().subject()).isEqualTo(SERVICE_ACCOUNT);
        assertThat(queries.get(0).input().at("/token/audiences/0").asText()).isEqualTo("payments-api");
    }

    @Test
    void whenThePolicyAllowsLongerThanTheDefaultThenTheDefaultLifetimeHolds() {
        policy = query -> decision(true, List.of(), Map.of("max_ttl", 86_400));

        assertThat(issued(exchange.exchange(request(serviceAccountToken(), "payments-api", null), null, CONTEXT))
                .expiresIn()).isEqualTo(300);
    }

    @Test
    void whenThePolicyNarrowsTheScopeThenTheResponseNamesTheGrantedScope() {
        policy = query -> decision(true, List.of(), Map.of("scope", List.of("refunds:read", "admin")));

        ExchangeResult.Issued issued = issued(exchange.exchange(
                request(serviceAccountToken(), "payments-api", "refunds:read refunds:write"), null, CONTEXT));

        assertThat(issued.scope()).isEqualTo("refunds:read");
        assertThat(issued.scopeNarrowed()).isTrue();
    }

    @Test
    @DisplayName("an mTLS caller exchanges its own JWT-SVID")
    void mtlsCallerToToken() {
        VerifiedPrincipal peer = new VerifiedPrincipal(REFUNDER, "x509-svid", "prod.example.org", REFUNDER,
                Map.of(), null);

        ExchangeResult.Issued issued = issued(exchange.exchange(request(svid(REFUNDER, "gatehouse"),
                "payments-api", "refunds:read"), peer, CONTEXT));

        assertThat(issued.subject()).isEqualTo(REFUNDER);
        assertThat(issued.actor()).isNull();
        assertThat(queries.get(0).peer()).isEqualTo(peer);
    }

    @Test
    @DisplayName("a caller exchanging someone else's token is refused unless the policy lets it act for them")
    void callerExchangingSomeoneElsesToken() {
        VerifiedPrincipal mallory = new VerifiedPrincipal(MALLORY, "x509-svid", "prod.example.org", MALLORY,
                Map.of(), null);

        ExchangeResult.Refused refused = refused(exchange.exchange(request(svid(REFUNDER, "gatehouse"),
                "payments-api", null), mallory, CONTEXT));

        assertThat(refused.error()).isEqualTo("unauthorized_client");
        assertThat(refused.reason()).isEqualTo("not_holder");
        assertThat(queries.get(0).principal().actor().subject()).isEqualTo(MALLORY);
        assertThat(queries.get(0).input().at("/token/caller_is_holder").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("a caller named as an audience of the subject token holds it")
    void callerInTheSubjectTokensAudienceIsTheHolder() {
        VerifiedPrincipal mallory = new VerifiedPrincipal(MALLORY, "x509-svid", "prod.example.org", MALLORY,
                Map.of(), null);

        ExchangeResult.Issued issued = issued(exchange.exchange(request(svid(REFUNDER, "gatehouse", MALLORY),
                "payments-api", null), mallory, CONTEXT));

        assertThat(issued.subject()).isEqualTo(REFUNDER);
    }

    @Test
    @DisplayName("delegation twice gives a nested act chain, the current actor outermost")
    void delegationWithNestedAct() throws Exception {
        policy = query -> decision(true, List.of(), Map.of("act_for_subject", true));
        String first = issued(exchange.exchange(delegation(serviceAccountToken(),
                svid("spiffe://prod.example.org/a", "gatehouse"), "gatehouse"), null, CONTEXT)).accessToken();

        ExchangeResult.Issued second = issued(exchange.exchange(delegation(first,
                svid("spiffe://prod.example.org/b", "gatehouse"), "payments-api"), null, CONTEXT));

        JsonNode claims = part(second.accessToken(), 1);
        assertThat(claims.get("sub").asText()).isEqualTo(SERVICE_ACCOUNT);
        assertThat(claims.at("/act/sub").asText()).isEqualTo("spiffe://prod.example.org/b");
        assertThat(claims.at("/act/act/sub").asText()).isEqualTo("spiffe://prod.example.org/a");
        assertThat(queries.get(1).principal().actor().subject()).isEqualTo("spiffe://prod.example.org/b");
    }

    @Test
    @DisplayName("an actor that may_act does not name is refused before the policy is asked")
    void mayActMismatch() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", SPIRE);
        claims.put("sub", REFUNDER);
        claims.put("aud", "gatehouse");
        claims.put("exp", T0.plusSeconds(600).getEpochSecond());
        claims.put("may_act", Map.of("sub", "spiffe://prod.example.org/admin"));
        String subject = sign(header("ES256", "spire-1"), claims, SPIRE_KEY.getPrivate());

        ExchangeResult.Refused refused = refused(exchange.exchange(delegation(subject,
                svid(MALLORY, "gatehouse"), "payments-api"), null, CONTEXT));

        assertThat(refused.reason()).isEqualTo("may_act_mismatch");
        assertThat(queries).isEmpty();
    }

    @Test
    void whenThePolicyDeniesWithAnErrorPrefixThenThatErrorIsAnswered() {
        policy = query -> decision(false, List.of("invalid_scope: admin is never granted"), Map.of());

        ExchangeResult.Refused refused = refused(exchange.exchange(request(serviceAccountToken(), "payments-api",
                "admin"), null, CONTEXT));

        assertThat(refused.error()).isEqualTo("invalid_scope");
        assertThat(refused.reason()).isEqualTo("policy_denied");
    }

    @Test
    void whenThePolicyDeniesWithoutAPrefixThenTheGrantIsInvalid() {
        policy = query -> decision(false, List.of("no revision is loaded"), Map.of());

        assertThat(refused(exchange.exchange(request(serviceAccountToken(), "payments-api", null), null, CONTEXT))
                .error()).isEqualTo("invalid_grant");
    }

    @Test
    void aForgedSubjectTokenIsAnInvalidRequestNamingTheStep() {
        String forged = TestJwts.unsigned(header("none", "spire-1"), Map.of("iss", SPIRE)) + ".";

        ExchangeResult.Refused refused = refused(exchange.exchange(request(forged, "payments-api", null), null,
                CONTEXT));

        assertThat(refused.error()).isEqualTo("invalid_request");
        assertThat(refused.reason()).isEqualTo("algorithm_not_allowed");
        assertThat(queries).isEmpty();
    }

    @Test
    void aTokenWithoutAudienceOrResourceIsNotIssued() {
        ExchangeResult.Refused refused = refused(exchange.exchange(new ExchangeRequest(TokenExchange.GRANT_TYPE,
                serviceAccountToken(), TokenExchange.TYPE_JWT, null, null, List.of(), List.of(), null, null), null,
                CONTEXT));

        assertThat(refused.error()).isEqualTo("invalid_request");
    }

    @Test
    void anotherGrantTypeIsUnsupported() {
        ExchangeResult.Refused refused = refused(exchange.exchange(new ExchangeRequest("client_credentials",
                serviceAccountToken(), TokenExchange.TYPE_JWT, null, null, List.of("a"), List.of(), null, null), null,
                CONTEXT));

        assertThat(refused.error()).isEqualTo("unsupported_grant_type");
    }

    @Test
    @DisplayName("the RFC 8693 fixture requests without subject_token or its type are invalid requests")
    void rfcNegativeFixtures() throws Exception {
        JsonNode examples = JSON.readTree(Files.readString(corpus().resolve("specs/rfc8693-examples.json")));
        int negatives = 0;
        for (Iterator<JsonNode> it = examples.get("examples").elements(); it.hasNext(); ) {
            JsonNode example = it.next();
            if (example.at("/response/status").asInt() != 400) {
                continue;
            }
            JsonNode form = example.at("/request/form");
            ExchangeRequest request = new ExchangeRequest(form.path("grant_type").asText(null),
                    form.path("subject_token").asText(null), form.path("subject_token_type").asText(null), null,
                    null, List.of("a"), List.of(), null, null);

            assertThat(refused(exchange.exchange(request, null, CONTEXT)).error()).as(example.get("id").asText())
                    .isEqualTo(example.at("/response/body/error").asText());
            negatives++;
        }
        assertThat(negatives).isEqualTo(2);
    }

    @Test
    @DisplayName("a revoked token is refused at once, by the verifier and by a further exchange")
    void revocationTakesEffectAtOnce() throws Exception {
        ExchangeResult.Issued issued = issued(exchange.exchange(request(serviceAccountToken(), "gatehouse", null),
                null, CONTEXT));
        assertThat(verifier.verify(issued.accessToken()).jti()).isEqualTo(issued.jti());

        revocations.revoke(issued.jti(), T0.plusSeconds(issued.expiresIn()));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> verifier.verify(issued.accessToken()))
                .extracting(e -> ((CredentialRejectedException) e).reason()).isEqualTo(RejectionReason.REVOKED);
        assertThat(refused(exchange.exchange(request(issued.accessToken(), "payments-api", null), null, CONTEXT))
                .reason()).isEqualTo("revoked");
    }

    @Test
    @DisplayName("across a rotation, tokens of the old key still verify and new tokens carry the new kid")
    void rotationAcrossTheOverlap() throws Exception {
        policy = query -> decision(true, List.of(), Map.of());
        SigningKey old = keys.signing(T0);
        clock.advance(Duration.ofMinutes(50));
        SigningKey successor = keys.rotateIfDue(clock.instant()).orElseThrow();
        clock.advance(Duration.ofMinutes(8));
        ExchangeResult.Issued before = issued(exchange.exchange(request(serviceAccountToken(), "gatehouse", null),
                null, CONTEXT));

        clock.advance(Duration.ofMinutes(3));
        ExchangeResult.Issued after = issued(exchange.exchange(request(serviceAccountToken(), "gatehouse", null),
                null, CONTEXT));

        assertThat(before.kid()).isEqualTo(old.kid());
        assertThat(after.kid()).isEqualTo(successor.kid());
        assertThat(verifier.verify(before.accessToken()).principal().subject()).isEqualTo(SERVICE_ACCOUNT);
        assertThat(keys.published(clock.instant())).extracting(SigningKey::kid)
                .containsExactly(old.kid(), successor.kid());
    }

    @Test
    void auditRecordsNameTheTokenButNeverContainIt() {
        String subjectToken = serviceAccountToken();
        ExchangeResult.Issued issued = issued(exchange.exchange(request(subjectToken, "payments-api", null), null,
                CONTEXT));
        exchange.exchange(request("x.y.z", "payments-api", null), null, CONTEXT);

        assertThat(events).extracting(AuditEvent::type).containsExactly("token.issued", "token.refused");
        assertThat(events.get(0).details()).containsEntry("jti", issued.jti());
        assertThat(events.toString()).doesNotContain(issued.accessToken(), subjectToken,
                issued.accessToken().split("\\.")[2]);
    }

    static Path corpus() {
        Path path = Path.of("").toAbsolutePath();
        while (path != null && !Files.isDirectory(path.resolve("shared/corpus"))
                && !Files.isDirectory(path.resolve("../shared/corpus"))) {
            path = path.getParent();
        }
        if (path == null) {
            throw new IllegalStateException("cannot find ../shared/corpus from " + Path.of("").toAbsolutePath());
        }
        return Files.isDirectory(path.resolve("../shared/corpus")) ? path.resolve("../shared/corpus").normalize()
                : path.resolve("shared/corpus");
    }

    /** A hand-written elevation link: one active elevation, and the tokens linked to it. */
    final class FakeElevations implements ElevationLink {
        final Map<String, Instant> linked = new LinkedHashMap<>();
        Instant endsAt = T0.plusSeconds(60);
        boolean storeDown;

        @Override
        public Optional<JsonNode> active(VerifiedPrincipal subject, String audience) {
            if (!"payments-api".equals(audience)) {
                return Optional.empty();
            }
            return Optional.of(JSON.createObjectNode().put("id", "elev-1").put("operation", "token.exchange")
                    .put("resource", audience).put("expires_at", endsAt.toString()));
        }

        @Override
        public void issuedUnder(String elevationId, String jti, Instant expiresAt) throws Exception {
            if (storeDown) {
                throw new java.io.IOException("store down");
            }
            linked.put(elevationId + "/" + jti, expiresAt);
        }
    }

    TokenExchange exchangeWith(ElevationLink elevations) {
        return new TokenExchange(verifier, new TokenIssuer(GATEHOUSE, keys), (query, gate) -> decide(query), audit,
                clock, Duration.ofMinutes(5), Duration.ofMinutes(15), elevations);
    }

    @Test
    @DisplayName("under an active elevation the policy sees it, and the token is linked to it and never outlives it")
    void tokenIssuedUnderAnElevationIsLinkedAndCapped() throws Exception {
        FakeElevations elevations = new FakeElevations();

        ExchangeResult.Issued issued = issued(exchangeWith(elevations).exchange(
                request(serviceAccountToken(), "payments-api", "refunds:write"), null, CONTEXT));

        assertThat(queries.get(0).elevation().get("id").asText()).isEqualTo("elev-1");
        assertThat(issued.expiresIn()).isEqualTo(60);
        VerifiedToken token = verifierFor("payments-api").verify(issued.accessToken());
        assertThat(elevations.linked).containsEntry("elev-1/" + token.jti(), T0.plusSeconds(60));
    }

    @Test
    @DisplayName("a token that cannot be linked to its elevation is not handed out")
    void whenTheElevationLinkFailsThenNoToken() {
        FakeElevations elevations = new FakeElevations();
        elevations.storeDown = true;

        ExchangeResult.Refused refused = refused(exchangeWith(elevations).exchange(
                request(serviceAccountToken(), "payments-api", "refunds:write"), null, CONTEXT));

        assertThat(refused.status()).isEqualTo(503);
        assertThat(elevations.linked).isEmpty();
    }

    @Test
    @DisplayName("without an elevation for the audience nothing is linked and the policy sees none")
    void withoutAnElevationNothingIsLinked() {
        FakeElevations elevations = new FakeElevations();

        issued(exchangeWith(elevations).exchange(request(serviceAccountToken(), "ledger-api", "refunds:read"), null,
                CONTEXT));

        assertThat(queries.get(0).elevation()).isNull();
        assertThat(elevations.linked).isEmpty();
    }
}
