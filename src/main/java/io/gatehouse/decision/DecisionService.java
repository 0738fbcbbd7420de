package io.gatehouse.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.AuditSink;
import io.gatehouse.audit.AuditUnavailableException;
import io.gatehouse.engine.DecideOptions;
import io.gatehouse.engine.Decision;
import io.gatehouse.engine.EvaluationException;
import io.gatehouse.engine.Revision;
import io.gatehouse.value.Value;
import io.gatehouse.value.Values;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * The one decision path. The HTTP API, the admission hook, the token endpoint and elevations all ask here, so they
 * cannot disagree.
 *
 * <p>It replaces the reserved parts of the input with verified values, fills the request time, asks the current
 * revision, writes the audit record and the metrics, and fails closed: no revision, an engine fault or an audit
 * record that cannot be written all end in a deny that names the reason.
 */
@ApplicationScoped
public class DecisionService {

    /** Input keys only Gatehouse may fill; whatever a request body puts there is dropped. */
    public static final List<String> RESERVED_INPUT_KEYS = List.of("principal", "peer", "elevation");

    private static final Logger LOG = Logger.getLogger(DecisionService.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);

    private final RevisionHolder revisions;
    private final Instance<AuditSink> auditSink;
    private final DecisionMetrics metrics;
    private final Clock clock;

    DecisionService(RevisionHolder revisions, Instance<AuditSink> auditSink, DecisionMetrics metrics, Clock clock) {
        this.revisions = revisions;
        this.auditSink = auditSink;
        this.metrics = metrics;
        this.clock = clock;
    }

    public DecisionOutcome decide(DecisionQuery query) {
        return decide(query, PrivilegeGate.OPEN);
    }

    /**
     * Decides, and before a privileged decision is recorded or answered asks {@code gate} whether the request may
     * be trusted with it (fresh and used once); a refusal turns the decision into a deny with that reason.
     */
    public DecisionOutcome decide(DecisionQuery query, PrivilegeGate gate) {
        Unaudited made = make(query, gate);
        if (!auditSink.isResolvable()) {
            return outcome(made, noAuditSink(made.decision()));
        }
        try {
            auditSink.get().record(auditEvent(made));
            return outcome(made, made.decision());
        } catch (AuditUnavailableException unavailable) {
            return outcome(made, auditFailed(made.decision(), unavailable));
        }
    }

    /**
     * As {@link #decide(DecisionQuery, PrivilegeGate)}, but the calling thread does not wait for the audit record to
     * be durable: the stage completes with the same outcome when it is, so an event loop can answer the request
     * then. The decision itself, and the gate, run on the calling thread before this returns.
     *
     * @param continueOn where the outcome is completed when the record was not durable at once; the audit writer
     *     thread would otherwise run it, and that thread is the one every decision waits for
     */
    public CompletionStage<DecisionOutcome> decideAsync(DecisionQuery query, PrivilegeGate gate, Executor continueOn) {
        Unaudited made = make(query, gate);
        if (!auditSink.isResolvable()) {
            return CompletableFuture.completedFuture(outcome(made, noAuditSink(made.decision())));
        }
        CompletableFuture<Void> durable = auditSink.get().recordAsync(auditEvent(made)).toCompletableFuture();
        BiFunction<Void, Throwable, DecisionOutcome> answer = (ignored, failed) -> outcome(made,
                failed == null ? made.decision() : auditFailed(made.decision(), unavailable(failed)));
        return durable.isDone() ? durable.handle(answer) : durable.handleAsync(answer, continueOn);
    }

    /** A decision made and gated, before its audit record is written. */
    private record Unaudited(long started, Instant now, String decisionId, DecisionQuery query, ObjectNode input,
            Revision revision, Decision decision) {
    }

    private Unaudited make(DecisionQuery query, PrivilegeGate gate) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        String decisionId = UUID.randomUUID().toString();
        ObjectNode input = effectiveInput(query, now);

        Revision revision = revisions.current().orElse(null);
        Decision decision = revision != null
                ? ask(revision, query, input)
                : failClosed("none", null, "no policy revision is loaded", "no_revision");
        if (decision.privileged()) {
            Optional<String> refusal = gate.refusal();
            if (refusal.isPresent()) {
                decision = refuse(decision, refusal.get(), "privilege_gate");
            }
        }
        return new Unaudited(started, now, decisionId, query, input, revision, decision);
    }

    private AuditEvent auditEvent(Unaudited made) {
        return auditEvent(made.decisionId(), made.now(), made.query(), made.input(), made.decision());
    }

    /** The outcome with the decision as the audit left it, counted in the metrics. */
    private DecisionOutcome outcome(Unaudited made, Decision audited) {
        metrics.record(made.revision(), made.query().policy(), audited, System.nanoTime() - made.started());
        return new DecisionOutcome(made.decisionId(), made.now(), audited, made.input());
    }

    /**
     * Records and answers a deny without asking the policy: the caller sent a credential that did not verify, so
     * nothing about the query can be trusted. The reason names the failed verification step.
     */
    public DecisionOutcome refuseUnverified(DecisionQuery query, String reason) {
        Instant now = clock.instant();
        String decisionId = UUID.randomUUID().toString();
        ObjectNode input = effectiveInput(query, now);
        String revisionId = revisions.current().map(Revision::id).orElse("none");
        Decision decision = failClosed(revisionId, null, reason, "credential_rejected");
        decision = audit(decisionId, now, query, input, decision);
        metrics.record(revisions.current().orElse(null), query.policy(), decision, 0);
        return new DecisionOutcome(decisionId, now, decision, input);
    }

    /**
     * The value of a rule, or of a package's rules, for the data API: the same verified input as a decision, the same
     * privilege gate when the input names a privileged operation of that package, and an audit record of type
     * {@code data}. Only rules answer: data documents mounted beside the policies are never handed out whole.
     *
     * @throws DataQueryException when the path names no package, the gate refuses, or evaluation fails
     */
    public DataOutcome evaluate(String path, DecisionQuery query, PrivilegeGate gate) throws DataQueryException {
        Instant now = clock.instant();
        String queryId = UUID.randomUUID().toString();
        ObjectNode input = effectiveInput(query, now);
        Revision revision = revisions.current().orElseThrow(() -> new DataQueryException(503,
                "no policy revision is loaded"));
        String pkg = packageOf(revision, path).orElseThrow(() -> new DataQueryException(404,
                "path \"" + path + "\" names no policy package"));
        boolean privileged = revision.catalog().stream().anyMatch(operation -> operation.packageName().equals(pkg)
                && operation.name().equals(text(input.get("operation"))));
        Optional<String> refusal = privileged ? gate.refusal() : Optional.empty();
        String error = refusal.orElse(null);
        Optional<Value> result = Optional.empty();
        if (error == null) {
            try {
                result = valueOf(revision, pkg, path, Values.fromJson(input));
            } catch (EvaluationException failed) {
                error = (failed.location() == null ? "" : failed.location() + ": ") + failed.getMessage();
            }
        }
        recordDataQuery(queryId, now, query, input, revision.id(), path, privileged, error);
        if (refusal.isPresent()) {
            throw new DataQueryException(403, refusal.get());
        }
        if (error != null) {
            throw new DataQueryException(422, error);
        }
        return new DataOutcome(queryId, result, revision.id());
    }

    /**
     * The answer of the data API.
     *
     * @param queryId the audit record's id
     * @param result the value, or empty when undefined
     * @param revision the revision that answered
     */
    public record DataOutcome(String queryId, Optional<Value> result, String revision) {
    }

    /** The data API could not answer; {@code status} is the HTTP status to give. */
    public static final class DataQueryException extends Exception {

        private final int status;

        public DataQueryException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private static Optional<String> packageOf(Revision revision, String path) {
        String best = null;
        for (String pkg : revision.packages()) {
            if ((path.equals(pkg) || path.startsWith(pkg + ".")) && (best == null || pkg.length() > best.length())) {
                best = pkg;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Optional<Value> valueOf(Revision revision, String pkg, String path, Value input)
            throws EvaluationException {
        if (!path.equals(pkg)) {
            String rule = path.substring(pkg.length() + 1).split("\\.")[0];
            if (!revision.rules(pkg).contains(rule)) {
                return Optional.empty();
            }
            return revision.query(path, input);
        }
        Map<String, Value> rules = new TreeMap<>();
        for (String rule : revision.rules(pkg)) {
            revision.query(pkg + "." + rule, input).ifPresent(value -> rules.put(rule, value));
        }
        return Optional.of(Values.object(rules));
    }

    private void recordDataQuery(String queryId, Instant now, DecisionQuery query, ObjectNode input, String revision,
            String path, boolean privileged, String error) throws DataQueryException {
        if (!auditSink.isResolvable()) {
            return;
        }
        Map<String, String> details = new TreeMap<>();
        details.put("path", path);
        if (error != null) {
            details.put("error", error);
        }
        try {
            auditSink.get().record(new AuditEvent("data", queryId, now,
                    query.principal() == null ? null : query.principal().subject(), actorOf(query),
                    text(input.get("operation")), resourceOf(input.get("resource")),
                    error == null ? "evaluated" : "refused", error == null ? List.of() : List.of(error), List.of(),
                    null, revision, query.context().callerAddress(), query.context().correlationId(), input,
                    privileged, details));
        } catch (AuditUnavailableException unavailable) {
            metrics.failClosed("audit_unavailable");
            if (privileged) {
                throw new DataQueryException(503, "audit log unavailable: " + unavailable.getMessage());
            }
        }
    }

    /** Whether a privileged request may go ahead; asked only when the decision turns out to be privileged. */
    @FunctionalInterface
    public interface PrivilegeGate {

        PrivilegeGate OPEN = Optional::empty;

        /** Empty to go ahead, or the reason to refuse. */
        Optional<String> refusal();
    }

    private Decision refuse(Decision decision, String reason, String metricReason) {
        metrics.failClosed(metricReason);
        List<String> reasons = new ArrayList<>(decision.reasons());
        reasons.add(0, reason);
        return new Decision(false, reasons, decision.obligations(), decision.revision(), reason, decision.privileged(),
                decision.operation(), decision.rules(), decision.explanation());
    }

    private Decision ask(Revision revision, DecisionQuery query, ObjectNode input) {
        try {
            return revision.decide(query.policy(), Values.fromJson(input), options(query));
        } catch (RuntimeException fault) {
            // invariant: the engine never throws for anything a policy or an input can cause, so this is a bug;
            // the decision still fails closed rather than surfacing a 500 that a caller might retry into an allow
            LOG.errorf(fault, "engine fault deciding %s; denied", query.policy());
            return failClosed(revision.id(), null, "internal error in the decision engine", "engine_fault");
        }
    }

    private static DecideOptions options(DecisionQuery query) {
        return query.explain() ? DecideOptions.EXPLAIN : DecideOptions.DEFAULT;
    }

    private Decision audit(String decisionId, Instant now, DecisionQuery query, ObjectNode input, Decision decision) {
        if (!auditSink.isResolvable()) {
            return noAuditSink(decision);
        }
        try {
            auditSink.get().record(auditEvent(decisionId, now, query, input, decision));
            return decision;
        } catch (AuditUnavailableException unavailable) {
            return auditFailed(decision, unavailable);
        }
    }

    private Decision noAuditSink(Decision decision) {
        return decision.allowed() ? refuse(decision, "no audit sink is configured", "audit_unavailable") : decision;
    }

    // an allow that cannot be traced is not given; a deny stays a deny (the audit log counts its own failure)
    private Decision auditFailed(Decision decision, AuditUnavailableException unavailable) {
        return decision.allowed() || decision.privileged()
                ? refuse(decision, "audit log unavailable: " + unavailable.getMessage(), "audit_unavailable")
                : decision;
    }

    private static AuditUnavailableException unavailable(Throwable failed) {
        Throwable cause = failed instanceof CompletionException ? failed.getCause() : failed;
        return cause instanceof AuditUnavailableException unavailable ? unavailable
                : new AuditUnavailableException("audit write failed: " + cause, cause);
    }

    private Decision failClosed(String revisionId, String operation, String reason, String metricReason) {
        metrics.failClosed(metricReason);
        return new Decision(false, List.of(reason), Values.object(Map.of()), revisionId, reason, false, operation,
                List.of(), null);
    }

    private static ObjectNode effectiveInput(DecisionQuery query, Instant now) {
        ObjectNode input = query.input() instanceof ObjectNode object ? object : JSON.objectNode();
        RESERVED_INPUT_KEYS.forEach(input::remove);
        if (query.principal() != null) {
            input.set("principal", PrincipalJson.of(query.principal()));
        }
        if (query.peer() != null) {
            input.set("peer", PrincipalJson.of(query.peer()));
        }
        if (query.elevation() != null) {
            input.set("elevation", query.elevation());
        }
        fillRequestTime(input, now);
        return input;
    }

    /** The request's time is part of the input, so the same input gives the same decision on every node. */
    private static void fillRequestTime(ObjectNode input, Instant now) {
        JsonNode context = input.get("context");
        if (context == null || context.isNull()) {
            context = input.putObject("context");
        }
        if (context instanceof ObjectNode object && !object.has("time")) {
            object.put("time", DateTimeFormatter.ISO_INSTANT.format(now));
        }
    }

    private AuditEvent auditEvent(
            String decisionId, Instant now, DecisionQuery query, ObjectNode input, Decision decision) {
        Map<String, String> details = new TreeMap<>();
        details.put("policy", query.policy());
        if (decision.error() != null) {
            details.put("error", decision.error());
        }
        return new AuditEvent("decision", decisionId, now,
                query.principal() == null ? null : query.principal().subject(),
                actorOf(query),
                decision.operation() != null ? decision.operation() : text(input.get("operation")),
                resourceOf(input.get("resource")),
                decision.allowed() ? "allow" : "deny",
                decision.reasons(), decision.rules(), Values.toJson(decision.obligations()), decision.revision(),
                query.context().callerAddress(), query.context().correlationId(), input, decision.privileged(),
                details);
    }

    private static String actorOf(DecisionQuery query) {
        if (query.principal() != null && query.principal().actor() != null) {
            return query.principal().actor().subject();
        }
        return query.peer() == null ? null : query.peer().subject();
    }

    private static String resourceOf(JsonNode resource) {
        if (resource == null) {
            return null;
        }
        if (resource.isObject() && resource.has("id")) {
            return resource.get("id").asText();
        }
        return resource.isValueNode() ? resource.asText() : null;
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    /** Converts a decision's obligations for JSON responses. */
    public static JsonNode obligationsJson(Decision decision) {
        return Values.toJson(decision.obligations());
    }

    static Value.Obj emptyObject() {
        return Values.object(Map.of());
    }
}
