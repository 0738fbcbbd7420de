package io.gatehouse.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.AuditSink;
import io.gatehouse.audit.AuditUnavailableException;
import io.gatehouse.decision.DecisionOutcome;
import io.gatehouse.decision.DecisionQuery;
import io.gatehouse.decision.DecisionService;
import io.gatehouse.decision.RequestContext;
import io.gatehouse.engine.Decision;
import io.gatehouse.identity.CredentialRejectedException;
import io.gatehouse.identity.JwtVerifier;
import io.gatehouse.identity.VerifiedPrincipal;
import io.gatehouse.identity.VerifiedToken;
import io.gatehouse.value.Values;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * RFC 8693 token exchange: validates the request, verifies the subject (and actor) token, asks the token policy
 * through the one decision path, and signs a token that carries only what the policy granted.
 *
 * <p>Who is asking: the mTLS peer when there is one, else the actor token's subject, else the subject itself
 * presenting its own token. A caller is the holder of the subject token when it is the subject, its {@code azp},
 * or one of its audiences. Anyone else acts for the subject, which the policy must allow explicitly with the
 * obligation {@code act_for_subject}; the issued token then names the caller in {@code act}.
 */
public final class TokenExchange {

    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
    public static final String TYPE_JWT = "urn:ietf:params:oauth:token-type:jwt";
    public static final String TYPE_ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";
    public static final String POLICY = "gatehouse.token";

    /** The values of the {@code reason} label of {@code gatehouse_tokens_refused_total}, besides credential ones. */
    public static final Set<String> REFUSAL_REASONS = Set.of("invalid_request", "unsupported_grant_type",
            "invalid_target", "not_holder", "may_act_mismatch", "policy_denied", "bad_obligation",
            "key_unavailable", "audit_unavailable");

    private static final Set<String> SUBJECT_TYPES = Set.of(TYPE_JWT, TYPE_ACCESS_TOKEN);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JwtVerifier verifier;
    private final TokenIssuer issuer;
    /** How the resource words a refused proof, so the exchange can answer RFC 9449's {@code invalid_dpop_proof}. */
    public static final String PROOF_REFUSAL = io.gatehouse.replay.ReplayGuard.REFUSAL_PREFIX;

    private final java.util.function.BiFunction<DecisionQuery, DecisionService.PrivilegeGate, DecisionOutcome>
            decisions;
    private final AuditSink audit;
    private final Clock clock;
    private final Duration defaultLifetime;
    private final Duration maxLifetime;
    private final ElevationLink elevations;

    /**
     * @param decisions the one decision path ({@code DecisionService::decide})
     * @param audit where token events go, or null when no sink is deployed
     * @param defaultLifetime an issued token's lifetime unless the policy's {@code max_ttl} is shorter
     * @param maxLifetime the hard ceiling whatever the policy says
     */
    public TokenExchange(JwtVerifier verifier, TokenIssuer issuer, Function<DecisionQuery, DecisionOutcome> decisions,
            AuditSink audit, Clock clock, Duration defaultLifetime, Duration maxLifetime) {
        this(verifier, issuer, (query, gate) -> decisions.apply(query), audit, clock, defaultLifetime, maxLifetime);
    }

    /**
     * @param decisions the one decision path with its privilege gate ({@code DecisionService::decide}); a
     *     privileged exchange (the token policy declares the operation {@code token.exchange}) must pass the gate
     */
    public TokenExchange(JwtVerifier verifier, TokenIssuer issuer,
            java.util.function.BiFunction<DecisionQuery, DecisionService.PrivilegeGate, DecisionOutcome> decisions,
            AuditSink audit, Clock clock, Duration defaultLifetime, Duration maxLifetime) {
        this(verifier, issuer, decisions, audit, clock, defaultLifetime, maxLifetime, ElevationLink.NONE);
    }

    /** @param elevations where active elevations come from and issued tokens are linked to them */
    public TokenExchange(JwtVerifier verifier, TokenIssuer issuer,
            java.util.function.BiFunction<DecisionQuery, DecisionService.PrivilegeGate, DecisionOutcome> decisions,
            AuditSink audit, Clock clock, Duration defaultLifetime, Duration maxLifetime, ElevationLink elevations) {
        this.elevations = Objects.requireNonNull(elevations, "elevations");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.decisions = Objects.requireNonNull(decisions, "decisions");
        this.audit = audit;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaultLifetime = Objects.requireNonNull(defaultLifetime, "defaultLifetime");
        this.maxLifetime = Objects.requireNonNull(maxLifetime, "maxLifetime");
    }

    /** A refusal raised by one step; carried out as a value by {@link #exchange}. */
    private static final class Refusal extends Exception {
        final ExchangeResult.Refused refused;

        Refusal(String error, String description, String reason, int status) {
            super(description, null, false, false);
            this.refused = new ExchangeResult.Refused(error, description, reason, status);
        }
    }

    /**
     * Runs one exchange. Never throws for anything a caller can send.
     *
     * @param peer the verified mTLS peer, or null
     */
    public ExchangeResult exchange(ExchangeRequest request, VerifiedPrincipal peer, RequestContext context) {
        return exchange(request, peer, context, caller -> Optional.empty());
    }

    /**
     * Runs one exchange whose freshness {@code proofCheck} judges for the caller the exchange identifies (the mTLS
     * peer, the actor or the subject); it is asked only when the token policy marks the exchange privileged.
     */
    public ExchangeResult exchange(ExchangeRequest request, VerifiedPrincipal peer, RequestContext context,
            Function<VerifiedPrincipal, Optional<String>> proofCheck) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(context, "context");
        ExchangeResult result;
        try {
            result = issue(request, peer, context, proofCheck);
        } catch (Refusal refusal) {
            result = refusal.refused;
        }
        return recorded(result, peer, context);
    }

    private ExchangeResult issue(ExchangeRequest request, VerifiedPrincipal peer, RequestContext context,
            Function<VerifiedPrincipal, Optional<String>> proofCheck) throws Refusal {
        checkParameters(request);
        List<String> audiences = audiences(request);
        List<String> scopes = scopes(request.scope());
        VerifiedToken subject = verified(request.subjectToken(), "subject_token");
        VerifiedToken actorToken = request.actorToken() == null ? null : verified(request.actorToken(), "actor_token");
        checkMayAct(subject, actorToken);
        VerifiedPrincipal caller = peer != null ? peer : actorToken != null ? actorToken.principal()
                : subject.principal();
        boolean holder = isHolder(caller, subject);
        boolean delegation = actorToken != null || !holder;
        VerifiedPrincipal principal = delegation ? withActor(subject.principal(), caller) : subject.principal();

        DecisionService.PrivilegeGate gate = () -> proofCheck.apply(caller);
        Optional<JsonNode> elevation = audiences.size() == 1 ? elevations.active(subject.principal(), audiences.get(0))
                : Optional.empty();
        Decision decision = decide(request, audiences, scopes, holder, delegation, principal, peer, context, gate,
                elevation.orElse(null));
        if (!holder && !Boolean.TRUE.equals(obligation(decision, "act_for_subject", Boolean.class))) {
            throw new Refusal("unauthorized_client", "the caller does not hold the subject token and the policy"
                    + " does not let it act for the subject", "not_holder", 400);
        }
        List<String> granted = grantedScopes(decision, scopes);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime(decision));
        if (elevation.isPresent()) {
            // a token issued under an elevation never outlives it
            Instant elevationEnds = Instant.parse(elevation.get().get("expires_at").asText());
            expiresAt = expiresAt.isAfter(elevationEnds) ? elevationEnds : expiresAt;
        }
        Map<String, Object> act = delegation ? actClaim(caller, subject) : null;
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("client_id", caller.subject());
        try {
            TokenIssuer.Signed signed = issuer.sign(subject.principal().subject(), audiences,
                    String.join(" ", granted), act, extra, now, expiresAt);
            if (elevation.isPresent()) {
                linkToElevation(elevation.get().get("id").asText(), signed.jti(), expiresAt);
            }
            String type = request.requestedTokenType() == null ? TYPE_ACCESS_TOKEN : request.requestedTokenType();
            return new ExchangeResult.Issued(signed.token(), type, TYPE_JWT.equals(type) ? "N_A" : "Bearer",
                    Duration.between(now, expiresAt).toSeconds(), String.join(" ", granted),
                    !granted.equals(scopes), signed.jti(), subject.principal().subject(),
                    delegation ? caller.subject() : null, audiences, signed.kid());
        } catch (KeyUnavailableException e) {
            throw new Refusal("temporarily_unavailable", "no signing key is valid now", "key_unavailable", 503);
        }
    }

    /** The token is handed out only once the elevation knows it, so revoking the elevation revokes the token. */
    private void linkToElevation(String elevationId, String jti, Instant expiresAt) throws Refusal {
        try {
            elevations.issuedUnder(elevationId, jti, expiresAt);
        } catch (Exception unlinked) {
            throw new Refusal("temporarily_unavailable", "the token could not be linked to its elevation",
                    "elevation_unavailable", 503);
        }
    }

    /** RFC 8693 section 2.1: required parameters, their pairing, and the token types we can read and issue. */
    private static void checkParameters(ExchangeRequest request) throws Refusal {
        if (request.grantType() == null) {
            throw invalidRequest("grant_type is required");
        }
        if (!GRANT_TYPE.equals(request.grantType())) {
            throw new Refusal("unsupported_grant_type", "only " + GRANT_TYPE + " is supported",
                    "unsupported_grant_type", 400);
        }
        if (blank(request.subjectToken()) || blank(request.subjectTokenType())) {
            throw invalidRequest("subject_token and subject_token_type are required");
        }
        if (blank(request.actorToken()) != blank(request.actorTokenType())) {
            throw invalidRequest("actor_token and actor_token_type must be sent together");
        }
        if (!SUBJECT_TYPES.contains(request.subjectTokenType())
                || request.actorTokenType() != null && !SUBJECT_TYPES.contains(request.actorTokenType())) {
            throw invalidRequest("token types must be " + SUBJECT_TYPES + " (JWTs)");
        }
        if (request.requestedTokenType() != null && !SUBJECT_TYPES.contains(request.requestedTokenType())) {
            throw invalidRequest("requested_token_type must be one of " + SUBJECT_TYPES);
        }
    }

    /** Issued tokens are always audience-bound: at least one audience or resource (absolute, no fragment). */
    private static List<String> audiences(ExchangeRequest request) throws Refusal {
        Set<String> audiences = new LinkedHashSet<>(request.audiences());
        for (String resource : request.resources()) {
            try {
                URI uri = new URI(resource);
                if (!uri.isAbsolute() || uri.getFragment() != null) {
                    throw new URISyntaxException(resource, "not absolute or has a fragment");
                }
            } catch (URISyntaxException e) {
                throw new Refusal("invalid_target", "resource must be an absolute URI without a fragment",
                        "invalid_target", 400);
            }
            audiences.add(resource);
        }
        audiences.removeIf(TokenExchange::blank);
        if (audiences.isEmpty()) {
            throw invalidRequest("audience or resource is required: Gatehouse issues audience-bound tokens only");
        }
        return List.copyOf(audiences);
    }

    private static List<String> scopes(String scope) {
        if (scope == null || scope.isBlank()) {
            return List.of();
        }
        return List.copyOf(new LinkedHashSet<>(Arrays.asList(scope.trim().split(" +"))));
    }

    private VerifiedToken verified(String token, String parameter) throws Refusal {
        try {
            return verifier.verify(token);
        } catch (CredentialRejectedException e) {
            throw new Refusal("invalid_request", parameter + " rejected: " + e.getMessage(), e.reason().code(), 400);
        }
    }

    /** RFC 8693 section 4.4: when the subject token names who may act for it, the actor must be that party. */
    private static void checkMayAct(VerifiedToken subject, VerifiedToken actor) throws Refusal {
        JsonNode mayAct = subject.claims().get("may_act");
        if (mayAct == null || actor == null) {
            return;
        }
        boolean subMatches = mayAct.path("sub").asText("").equals(actor.principal().subject());
        boolean issMatches = !mayAct.has("iss") || mayAct.get("iss").asText().equals(actor.issuer().issuer());
        if (!subMatches || !issMatches) {
            throw new Refusal("unauthorized_client", "the actor is not the party may_act names", "may_act_mismatch",
                    400);
        }
    }

    private static boolean isHolder(VerifiedPrincipal caller, VerifiedToken subject) {
        String who = caller.subject();
        if (who.equals(subject.principal().subject()) || who.equals(subject.claims().path("azp").asText(null))) {
            return true;
        }
        try {
            return JwtVerifier.audiences(subject.claims()).contains(who);
        } catch (CredentialRejectedException e) {
            return false;
        }
    }

    private static VerifiedPrincipal withActor(VerifiedPrincipal subject, VerifiedPrincipal caller) {
        return new VerifiedPrincipal(subject.subject(), subject.kind(), subject.issuer(), subject.spiffeId(),
                subject.claims(), caller);
    }

    private Decision decide(ExchangeRequest request, List<String> audiences, List<String> scopes, boolean holder,
            boolean delegation, VerifiedPrincipal principal, VerifiedPrincipal peer, RequestContext context,
            DecisionService.PrivilegeGate gate, JsonNode elevation) throws Refusal {
        ObjectNode input = JSON.createObjectNode();
        input.put("operation", "token.exchange");
        ObjectNode token = input.putObject("token");
        token.set("audiences", JSON.valueToTree(audiences));
        token.set("scopes", JSON.valueToTree(scopes));
        token.put("subject_token_type", request.subjectTokenType());
        token.put("requested_token_type", request.requestedTokenType() == null ? TYPE_ACCESS_TOKEN
                : request.requestedTokenType());
        token.put("caller_is_holder", holder);
        token.put("delegation", delegation);
        DecisionOutcome outcome = decisions.apply(new DecisionQuery(POLICY, input, principal, peer, elevation, false,
                context), gate);
        Decision decision = outcome.decision();
        if (decision.error() != null && decision.error().startsWith(PROOF_REFUSAL)) {
            throw new Refusal("invalid_dpop_proof", decision.error(), "invalid_proof", 400);
        }
        if (!decision.allowed()) {
            throw policyRefusal(decision);
        }
        return decision;
    }

    /**
     * The policy names the RFC 6749 error by prefixing a deny reason with it, e.g.
     * {@code "invalid_scope: payments:write is not granted to ..."}; otherwise the refusal is {@code invalid_grant}.
     */
    private static Refusal policyRefusal(Decision decision) {
        String error = "invalid_grant";
        for (String reason : decision.reasons()) {
            for (String code : List.of("invalid_target", "invalid_scope", "unauthorized_client")) {
                if (reason.startsWith(code + ":")) {
                    return new Refusal(code, String.join("; ", decision.reasons()), "policy_denied", 400);
                }
            }
        }
        String description = decision.reasons().isEmpty() ? "the token policy did not allow this exchange"
                : String.join("; ", decision.reasons());
        return new Refusal(error, description, "policy_denied", 400);
    }

    private static <T> T obligation(Decision decision, String name, Class<T> type) throws Refusal {
        JsonNode obligations = Values.toJson(decision.obligations());
        JsonNode value = obligations.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return JSON.treeToValue(value, type);
        } catch (Exception e) {
            throw new Refusal("server_error", "the token policy's obligation " + name + " has the wrong type",
                    "bad_obligation", 500);
        }
    }

    /** The policy may narrow the scopes with the obligation {@code scope}; it can never widen them. */
    private static List<String> grantedScopes(Decision decision, List<String> requested) throws Refusal {
        String[] narrowed = obligation(decision, "scope", String[].class);
        if (narrowed == null) {
            JsonNode single = Values.toJson(decision.obligations()).get("scope");
            if (single == null || !single.isTextual()) {
                return requested;
            }
            narrowed = scopes(single.asText()).toArray(String[]::new);
        }
        List<String> granted = new ArrayList<>();
        for (String scope : narrowed) {
            if (requested.contains(scope) && !granted.contains(scope)) {
                granted.add(scope);
            }
        }
        return granted;
    }

    /** The default lifetime, cut to the policy's {@code max_ttl} (seconds) and the configured ceiling. */
    private Duration lifetime(Decision decision) throws Refusal {
        Duration lifetime = defaultLifetime.compareTo(maxLifetime) < 0 ? defaultLifetime : maxLifetime;
        JsonNode maxTtl = Values.toJson(decision.obligations()).get("max_ttl");
        if (maxTtl == null) {
            return lifetime;
        }
        if (!maxTtl.isIntegralNumber() || maxTtl.asLong() <= 0) {
            throw new Refusal("server_error", "the token policy's max_ttl must be a positive number of seconds",
                    "bad_obligation", 500);
        }
        Duration policyMax = Duration.ofSeconds(maxTtl.asLong());
        return policyMax.compareTo(lifetime) < 0 ? policyMax : lifetime;
    }

    /**
     * The {@code act} claim: the caller is the current actor; a subject token that was itself delegated keeps its
     * chain nested below, for information only (RFC 8693 section 4.1).
     */
    private static Map<String, Object> actClaim(VerifiedPrincipal caller, VerifiedToken subject) {
        Map<String, Object> act = new LinkedHashMap<>();
        act.put("sub", caller.subject());
        if (caller.issuer() != null) {
            act.put("iss", caller.issuer());
        }
        JsonNode prior = subject.claims().get("act");
        if (prior != null && prior.isObject()) {
            act.put("act", JSON.convertValue(prior, Map.class));
        }
        return act;
    }

    private ExchangeResult recorded(ExchangeResult result, VerifiedPrincipal peer, RequestContext context) {
        if (audit == null) {
            return result;
        }
        try {
            audit.record(event(result, peer, context));
            return result;
        } catch (AuditUnavailableException e) {
            // a token nobody can trace is not handed out
            return result instanceof ExchangeResult.Issued
                    ? new ExchangeResult.Refused("temporarily_unavailable", "the audit log is unavailable",
                            "audit_unavailable", 503)
                    : result;
        }
    }

    private AuditEvent event(ExchangeResult result, VerifiedPrincipal peer, RequestContext context) {
        Map<String, String> details = new LinkedHashMap<>();
        String peerSubject = peer == null ? null : peer.subject();
        if (result instanceof ExchangeResult.Issued issued) {
            details.put("jti", issued.jti());
            details.put("kid", issued.kid());
            details.put("audiences", String.join(" ", issued.audiences()));
            details.put("scope", issued.scope());
            details.put("expires_in", Long.toString(issued.expiresIn()));
            return new AuditEvent("token.issued", UUID.randomUUID().toString(), clock.instant(), issued.subject(),
                    issued.actor() != null ? issued.actor() : peerSubject, "token.exchange", null, "issued",
                    List.of(), List.of(), null, null, context.callerAddress(), context.correlationId(), null, true,
                    details);
        }
        ExchangeResult.Refused refused = (ExchangeResult.Refused) result;
        details.put("error", refused.error());
        details.put("reason", refused.reason());
        return new AuditEvent("token.refused", UUID.randomUUID().toString(), clock.instant(), null, peerSubject,
                "token.exchange", null, "refused", List.of(refused.description()), List.of(), null, null,
                context.callerAddress(), context.correlationId(), null, false, details);
    }

    private static Refusal invalidRequest(String description) {
        return new Refusal("invalid_request", description, "invalid_request", 400);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
