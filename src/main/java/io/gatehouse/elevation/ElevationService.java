package io.gatehouse.elevation;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.AuditSink;
import io.gatehouse.audit.AuditUnavailableException;
import io.gatehouse.identity.VerifiedPrincipal;
import io.gatehouse.state.RevocationStore;
import io.gatehouse.state.StateUnavailableException;
import io.gatehouse.state.StoreFullException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Temporary elevation: request, approval, revocation, expiry and use, each audited.
 *
 * <p>The policy decides whether a request is granted, for how long and whether it needs approval; some rules hold
 * whatever the policy says, because a policy mistake must not weaken them: nobody approves their own elevation, a
 * high-risk operation (by the catalog's rating, or one the catalog does not list) always needs approval, nothing
 * lasts beyond {@code gatehouse.elevation.max-duration}, and nothing is approved after its expiry.
 *
 * <p>Granting steps fail closed: if the audit record cannot be written, the grant is undone and refused. Revocation
 * is applied even when the audit log is down, since keeping elevated rights alive would be the worse failure.
 */
public final class ElevationService {

    private static final Logger LOG = Logger.getLogger(ElevationService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ElevationStore store;
    private final RevocationStore revocations;
    private final ElevationPolicy policy;
    private final OperationCatalog catalog;
    private final AuditSink audit;
    private final ElevationLimits limits;
    private final Clock clock;
    private final AtomicInteger active = new AtomicInteger();

    public ElevationService(ElevationStore store, RevocationStore revocations, ElevationPolicy policy,
            OperationCatalog catalog, AuditSink audit, ElevationLimits limits, Clock clock, MeterRegistry registry) {
        this.store = Objects.requireNonNull(store, "store");
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        Gauge.builder("gatehouse_elevations_active", active, AtomicInteger::get)
                .description("elevations approved and not yet expired or revoked").register(registry);
    }

    /** Asks for an elevation; it is active at once unless approval is needed. */
    public Elevation request(VerifiedPrincipal principal, ElevationRequest body, CallerContext context)
            throws ElevationException {
        Objects.requireNonNull(principal, "principal");
        ElevationQuery query = validate(principal, body);
        ElevationVerdict verdict = policy.decide(query);
        if (!verdict.allowed()) {
            throw refused(query, null, 403, "policy_denied", "the policy denies this elevation", verdict.reasons(),
                    context);
        }
        Duration granted = grantable(query, verdict, context);
        Elevation elevation = newElevation(query, granted, verdict.approvalRequired() || query.highRisk());
        create(elevation);
        recordGrant("elevation.requested", elevation, principal, elevation.status().label(), verdict, context,
                () -> undo(elevation));
        refreshActive();
        return elevation;
    }

    /** Approves a pending elevation as another principal. */
    public Elevation approve(VerifiedPrincipal approver, String id, CallerContext context) throws ElevationException {
        Objects.requireNonNull(approver, "approver");
        Elevation pending = load(id);
        ElevationQuery query = queryOn(ElevationQuery.Action.APPROVE, approver, pending);
        checkApprovable(query, pending, context);
        ElevationVerdict verdict = policy.decide(query);
        if (!verdict.allowed()) {
            throw refused(query, pending, 403, "policy_denied", "the policy denies this approval", verdict.reasons(),
                    context);
        }
        Elevation approved = pending.approved(approver.subject(), clock.instant());
        replace(pending, approved);
        recordGrant("elevation.approved", approved, approver, "approved", verdict, context, () -> unapprove(approved,
                pending));
        refreshActive();
        return approved;
    }

    /** Ends an elevation at once and revokes every token issued under it. Revoking an ended one changes nothing. */
    public Elevation revoke(VerifiedPrincipal revoker, String id, CallerContext context) throws ElevationException {
        Objects.requireNonNull(revoker, "revoker");
        Elevation current = load(id);
        ElevationQuery query = queryOn(ElevationQuery.Action.REVOKE, revoker, current);
        ElevationVerdict verdict = policy.decide(query);
        if (!verdict.allowed()) {
            throw refused(query, current, 403, "policy_denied", "the policy denies this revocation",
                    verdict.reasons(), context);
        }
        if (current.status() == Elevation.Status.REVOKED || current.status() == Elevation.Status.EXPIRED) {
            return current;
        }
        Elevation revoked = current.ended(Elevation.Status.REVOKED, revoker.subject(), clock.instant());
        replace(current, revoked);
        revokeTokens(revoked);
        recordQuietly(event("elevation.revoked", revoked, revoker.subject(), "revoked", List.of(), context, true));
        refreshActive();
        return revoked;
    }

    public Optional<Elevation> find(String id) throws ElevationException {
        try {
            return store.find(Objects.requireNonNull(id, "id"));
        } catch (StateUnavailableException unavailable) {
            throw unavailable(unavailable);
        }
    }

    /**
     * The active elevation of {@code principal} for {@code operation} on {@code resource}, as the decision path
     * places it at {@code input.elevation}; the use is audited. {@code resource} is the decision input's
     * {@code resource}: a string, or an object whose {@code id} names it. When the store cannot answer, there is no
     * elevation: the decision goes ahead without elevated rights.
     */
    public Optional<JsonNode> activeFor(VerifiedPrincipal principal, String operation, JsonNode resource) {
        if (principal == null || operation == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String resourceId = resourceId(resource);
        try {
            Optional<Elevation> match = store.forPrincipal(principal.subject()).stream()
                    .filter(elevation -> elevation.activeAt(now) && elevation.covers(operation, resourceId))
                    .min(java.util.Comparator.comparing(Elevation::expiresAt).thenComparing(Elevation::id));
            match.ifPresent(elevation -> recordQuietly(event("elevation.used", elevation, principal.subject(), "used",
                    List.of(), CallerContext.NONE, true)));
            return match.map(ElevationJson::forPolicy);
        } catch (StateUnavailableException unavailable) {
            LOG.warnf("elevation store unavailable, deciding without elevations: %s", unavailable.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Links a token to the elevation it was issued under, so that revoking the elevation revokes the token. The
     * token service calls it before it hands the token out, and must not hand it out if this throws.
     */
    public void recordIssuedToken(String elevationId, String jti, Instant expiresAt) throws ElevationException {
        Elevation.IssuedToken token = new Elevation.IssuedToken(jti, expiresAt);
        for (int attempt = 0; attempt < 5; attempt++) {
            Elevation current = load(elevationId);
            if (!current.activeAt(clock.instant())) {
                throw new ElevationException(409, "not_active", "elevation '" + elevationId + "' is not active");
            }
            if (tryReplace(current, current.withToken(token))) {
                return;
            }
        }
        throw new ElevationException(409, "conflict", "elevation '" + elevationId + "' kept changing; retry");
    }

    /** Marks lapsed elevations expired, audits each once (the compare-and-set picks one replica), revokes tokens. */
    public int sweep() {
        Instant now = clock.instant();
        int expired = 0;
        try {
            for (Elevation elevation : store.all()) {
                if (elevation.lapsedAt(now) && expire(elevation, now)) {
                    expired++;
                }
            }
            refreshActive();
        } catch (StateUnavailableException | ElevationException unavailable) {
            LOG.debugf("elevation sweep skipped: %s", unavailable.getMessage());
        }
        return expired;
    }

    private boolean expire(Elevation elevation, Instant now) throws StateUnavailableException, ElevationException {
        Elevation expired = elevation.ended(Elevation.Status.EXPIRED, "gatehouse", now);
        if (!store.replace(elevation, expired)) {
            return false;
        }
        revokeTokens(expired);
        recordQuietly(event("elevation.expired", expired, elevation.principal(), "expired", List.of(),
                CallerContext.NONE, true));
        return true;
    }

    private ElevationQuery validate(VerifiedPrincipal principal, ElevationRequest body) throws ElevationException {
        if (body == null) {
            throw invalid("request body is missing");
        }
        String operation = required("operation", body.operation(), 200);
        String resource = required("resource", resourceId(body.resource()), 500);
        Duration duration = duration(body.duration());
        String justification = body.justification() == null ? "" : body.justification().strip();
        if (justification.length() < limits.minJustificationLength()
                || justification.length() > limits.maxJustificationLength()) {
            throw invalid("field 'justification' must be " + limits.minJustificationLength() + " to "
                    + limits.maxJustificationLength() + " characters, given " + justification.length());
        }
        String risk = catalog.find(operation).map(op -> op.risk()).orElse(null);
        return new ElevationQuery(ElevationQuery.Action.REQUEST, principal, operation, resource, duration,
                justification, risk, null);
    }

    private Duration duration(JsonNode value) throws ElevationException {
        Duration duration;
        try {
            if (value != null && value.isIntegralNumber()) {
                duration = Duration.ofSeconds(value.longValue());
            } else if (value != null && value.isTextual()) {
                duration = Duration.parse(value.textValue());
            } else {
                throw invalid("field 'duration' is required: ISO 8601 like 'PT15M' or a number of seconds");
            }
        } catch (java.time.format.DateTimeParseException malformed) {
            throw invalid("field 'duration' is not an ISO 8601 duration like 'PT15M', given '" + value.textValue()
                    + "'");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw invalid("field 'duration' must be positive, given " + duration);
        }
        if (duration.compareTo(limits.maxDuration()) > 0) {
            throw invalid("field 'duration' is " + duration + ", above the hard maximum of " + limits.maxDuration());
        }
        return duration;
    }

    private Duration grantable(ElevationQuery query, ElevationVerdict verdict, CallerContext context)
            throws ElevationException {
        Optional<Duration> max = verdict.maxDuration();
        if (max.isPresent() && query.duration().compareTo(max.get()) > 0) {
            throw refused(query, null, 403, "duration_exceeded", "duration " + query.duration()
                    + " is above the policy maximum of " + max.get(), verdict.reasons(), context);
        }
        return query.duration();
    }

    private Elevation newElevation(ElevationQuery query, Duration duration, boolean approvalRequired) {
        Instant now = clock.instant();
        return new Elevation(newId(), query.principal().subject(), query.operation(), query.resource(),
                query.justification(), now, now.plus(duration), approvalRequired,
                approvalRequired ? Elevation.Status.PENDING : Elevation.Status.ACTIVE, null, null, null, null,
                List.of());
    }

    private void checkApprovable(ElevationQuery query, Elevation pending, CallerContext context)
            throws ElevationException {
        if (query.principal().subject().equals(pending.principal())) {
            throw refused(query, pending, 403, "self_approval", "nobody approves their own elevation", List.of(),
                    context);
        }
        if (!clock.instant().isBefore(pending.expiresAt())) {
            throw refused(query, pending, 409, "expired", "elevation '" + pending.id() + "' expired at "
                    + pending.expiresAt() + " and can no longer be approved", List.of(), context);
        }
        if (pending.status() != Elevation.Status.PENDING) {
            throw refused(query, pending, 409, "not_pending", "elevation '" + pending.id() + "' is "
                    + pending.status().label() + ", not pending", List.of(), context);
        }
    }

    private ElevationQuery queryOn(ElevationQuery.Action action, VerifiedPrincipal principal, Elevation elevation) {
        String risk = catalog.find(elevation.operation()).map(op -> op.risk()).orElse(null);
        return new ElevationQuery(action, principal, elevation.operation(), elevation.resource(),
                Duration.between(elevation.requestedAt(), elevation.expiresAt()), elevation.justification(), risk,
                elevation);
    }

    private Elevation load(String id) throws ElevationException {
        return find(id).orElseThrow(() -> new ElevationException(404, "not_found", "no elevation '" + id + "'"));
    }

    private void create(Elevation elevation) throws ElevationException {
        try {
            store.create(elevation);
        } catch (StoreFullException full) {
            throw new ElevationException(503, "store_full", "the elevation store is full; retry later");
        } catch (StateUnavailableException unavailable) {
            throw unavailable(unavailable);
        }
    }

    private void replace(Elevation expected, Elevation updated) throws ElevationException {
        if (!tryReplace(expected, updated)) {
            throw new ElevationException(409, "conflict", "elevation '" + expected.id()
                    + "' changed concurrently; read it again");
        }
    }

    private boolean tryReplace(Elevation expected, Elevation updated) throws ElevationException {
        try {
            return store.replace(expected, updated);
        } catch (StateUnavailableException unavailable) {
            throw unavailable(unavailable);
        }
    }

    private void revokeTokens(Elevation elevation) throws ElevationException {
        for (Elevation.IssuedToken token : elevation.issuedTokens()) {
            try {
                revocations.revoke(token.jti(), token.expiresAt());
            } catch (StateUnavailableException unavailable) {
                throw unavailable(unavailable);
            }
        }
    }

    private void undo(Elevation created) throws ElevationException {
        replace(created, created.ended(Elevation.Status.REVOKED, "gatehouse", clock.instant()));
    }

    private void unapprove(Elevation approved, Elevation pending) throws ElevationException {
        replace(approved, pending);
    }

    /** A step that grants rights; if its audit record cannot be written, the grant is undone and refused. */
    private void recordGrant(String type, Elevation elevation, VerifiedPrincipal principal, String outcome,
            ElevationVerdict verdict, CallerContext context, Undo undo) throws ElevationException {
        AuditEvent event = event(type, elevation, principal.subject(), outcome, verdict.reasons(), context, true);
        try {
            audit.record(withDecision(event, verdict));
        } catch (AuditUnavailableException unavailable) {
            undo.run();
            throw new ElevationException(503, "audit_unavailable", "the audit log is unavailable; nothing was granted");
        }
    }

    private ElevationException refused(ElevationQuery query, Elevation elevation, int status, String code,
            String detail, List<String> reasons, CallerContext context) {
        Map<String, String> details = new HashMap<>();
        details.put("action", query.action().label());
        details.put("code", code);
        if (elevation != null) {
            details.put("elevation_id", elevation.id());
        }
        recordQuietly(new AuditEvent("elevation.refused", UUID.randomUUID().toString(), clock.instant(),
                query.principal().subject(), null, query.operation(), query.resource(), "refused",
                reasons.isEmpty() ? List.of(detail) : reasons, List.of(), null, null, context.callerAddress(),
                context.correlationId(), null, true, details));
        return new ElevationException(status, code, detail, reasons);
    }

    private AuditEvent event(String type, Elevation elevation, String principal, String outcome, List<String> reasons,
            CallerContext context, boolean privileged) {
        Map<String, String> details = new HashMap<>();
        details.put("elevation_id", elevation.id());
        details.put("requester", elevation.principal());
        details.put("expires_at", elevation.expiresAt().toString());
        details.put("status", elevation.status().label());
        details.put("justification", elevation.justification());
        if (elevation.approvedBy() != null) {
            details.put("approved_by", elevation.approvedBy());
        }
        if (!elevation.issuedTokens().isEmpty()) {
            details.put("revoked_tokens", Integer.toString(elevation.issuedTokens().size()));
        }
        return new AuditEvent(type, UUID.randomUUID().toString(), clock.instant(), principal, null,
                elevation.operation(), elevation.resource(), outcome, reasons, List.of(), null, null,
                context.callerAddress(), context.correlationId(), null, privileged, details);
    }

    private static AuditEvent withDecision(AuditEvent event, ElevationVerdict verdict) {
        if (verdict.decisionId() == null) {
            return event;
        }
        Map<String, String> details = new HashMap<>(event.details());
        details.put("decision_id", verdict.decisionId());
        return new AuditEvent(event.type(), event.id(), event.time(), event.principal(), event.actor(),
                event.operation(), event.resource(), event.outcome(), event.reasons(), event.rules(),
                event.obligations(), event.revision(), event.callerAddress(), event.correlationId(), event.input(),
                event.privileged(), details);
    }

    private void recordQuietly(AuditEvent event) {
        try {
            audit.record(event);
        } catch (AuditUnavailableException unavailable) {
            LOG.errorf("audit log unavailable, %s event %s not recorded: %s", event.type(), event.id(),
                    unavailable.getMessage());
        }
    }

    private void refreshActive() {
        Instant now = clock.instant();
        try {
            active.set((int) store.all().stream().filter(elevation -> elevation.activeAt(now)).count());
        } catch (StateUnavailableException unavailable) {
            LOG.debugf("active elevation count not refreshed: %s", unavailable.getMessage());
        }
    }

    private static String resourceId(JsonNode resource) {
        if (resource == null || resource.isNull()) {
            return null;
        }
        if (resource.isTextual()) {
            return resource.textValue();
        }
        JsonNode id = resource.get("id");
        return id != null && id.isValueNode() ? id.asText() : null;
    }

    private static String required(String field, String value, int maxLength) throws ElevationException {
        if (value == null || value.isBlank()) {
            throw invalid("field '" + field + "' is required");
        }
        if (value.length() > maxLength) {
            throw invalid("field '" + field + "' is longer than " + maxLength + " characters");
        }
        return value;
    }

    private static ElevationException invalid(String detail) {
        return new ElevationException(400, "invalid_request", detail);
    }

    private static ElevationException unavailable(StateUnavailableException cause) {
        LOG.warnf("elevation store unavailable: %s", cause.getMessage());
        return new ElevationException(503, "state_unavailable", "the state store is unavailable; nothing was changed");
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "elv_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @FunctionalInterface
    private interface Undo {
        void run() throws ElevationException;
    }
}
