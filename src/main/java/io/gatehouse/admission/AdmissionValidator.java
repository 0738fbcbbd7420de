package io.gatehouse.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.decision.DecisionOutcome;
import io.gatehouse.decision.DecisionQuery;
import io.gatehouse.decision.DecisionService;
import io.gatehouse.decision.RequestContext;
import io.gatehouse.engine.Decision;
import io.gatehouse.value.Value;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The validating hook: judges one review against every constraint that matches it, each through the one decision
 * path, and merges the violations into one answer.
 *
 * <p>A policy sees Gatekeeper's input: {@code input.review} is the AdmissionRequest as the API server sent it
 * (with {@code kind} filled from the object when a hand-made review lacks it), {@code input.parameters} is the
 * constraint's {@code spec.parameters}, and {@code input.constraint} names the constraint. Every {@code deny}
 * reason is one violation, printed as {@code [constraint-name] reason}; a string list at
 * {@code obligations.warnings} becomes warnings.
 *
 * <p>It fails closed: no constraints to judge by, a constraint kind without a policy, and a policy that errs all
 * deny, whatever the constraint's enforcement action, since each means the request was never really judged.
 */
@ApplicationScoped
public class AdmissionValidator {

    private static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);

    private final DecisionService decisions;
    private final ConstraintSource constraints;
    private final ExecutorService judges;
    private final boolean dropManagedFields;

    public AdmissionValidator(DecisionService decisions, ConstraintSource constraints, ValidationConfig config) {
        this.decisions = decisions;
        this.constraints = constraints;
        // Each constraint is one audited decision, and an audited decision waits for the audit log's group commit.
        // Judged one after another, a review would wait for one disk flush per constraint; judged side by side,
        // they share one. The pool is small and bounded: deciding is CPU work, and on two cores a larger pool
        // measured slower (more threads contending), while a burst of reviews simply queues.
        this.judges = Executors.newFixedThreadPool(config.parallelism(), daemonThreads());
        this.dropManagedFields = config.dropManagedFields();
    }

    @PreDestroy
    void stop() {
        judges.shutdownNow();
    }

    public AdmissionResponse validate(AdmissionReview review, RequestContext context) {
        Optional<String> malformed = malformed(review);
        if (malformed.isPresent()) {
            return AdmissionResponse.deny(400, malformed.get(), List.of());
        }
        ConstraintSet set;
        try {
            set = constraints.current();
        } catch (ConstraintSource.ConstraintsUnavailableException unavailable) {
            return AdmissionResponse.deny(500, "gatehouse cannot judge this request: " + unavailable.getMessage(),
                    List.of());
        }
        ObjectNode request = prepare(review);
        List<Future<Verdict>> judged = new ArrayList<>();
        for (Constraint constraint : set.constraints()) {
            if (ConstraintMatcher.matches(constraint, review)) {
                judged.add(judges.submit(() -> judge(constraint, set, request, context)));
            }
        }
        Verdict verdict = new Verdict();
        for (Future<Verdict> one : judged) {
            verdict.add(await(one));
        }
        return verdict.denials.isEmpty()
                ? AdmissionResponse.allow(verdict.warnings)
                : AdmissionResponse.deny(403, String.join("\n", verdict.denials), verdict.warnings);
    }

    /** The violations of one constraint; in constraint order once merged, so answers are deterministic. */
    private Verdict judge(Constraint constraint, ConstraintSet set, ObjectNode request, RequestContext context) {
        Verdict verdict = new Verdict();
        String label = "[" + constraint.name() + "] ";
        Optional<String> policy = set.policyFor(constraint);
        if (policy.isEmpty()) {
            verdict.denials.add(label + "no policy judges constraint kind '" + constraint.kind() + "'");
            return verdict;
        }
        ObjectNode input = JSON.objectNode();
        input.set("review", request);
        input.set("parameters", constraint.parameters());
        input.putObject("constraint").put("kind", constraint.kind()).put("name", constraint.name());
        DecisionOutcome outcome = decisions.decide(
                new DecisionQuery(policy.get(), input, null, null, null, false, context));
        Decision decision = outcome.decision();
        if (decision.error() != null) {
            verdict.denials.add(label + "policy " + policy.get() + " failed: " + decision.error());
            return verdict;
        }
        if (!decision.allowed()) {
            List<String> reasons = decision.reasons().isEmpty()
                    ? List.of("denied by policy " + policy.get()) : decision.reasons();
            switch (constraint.action()) {
                case DENY -> reasons.forEach(reason -> verdict.denials.add(label + reason));
                case WARN -> reasons.forEach(reason -> verdict.warnings.add(label + reason));
                case DRYRUN -> { }
            }
        }
        warnings(decision).forEach(warning -> verdict.warnings.add(label + warning));
        return verdict;
    }

    private static Verdict await(Future<Verdict> judged) {
        try {
            return judged.get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Verdict.denial("the review was interrupted before every constraint was judged");
        } catch (ExecutionException failed) {
            // invariant: the decision service never throws for a policy or an input; this is a bug, and it denies
            return Verdict.denial("internal error while judging: " + failed.getCause());
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "gatehouse-admission-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static List<String> warnings(Decision decision) {
        Value warnings = decision.obligations().members().get("warnings");
        List<String> texts = new ArrayList<>();
        if (warnings instanceof Value.Arr array) {
            array.items().forEach(item -> addText(item, texts));
        } else if (warnings instanceof Value.SetV set) {
            set.members().forEach(item -> addText(item, texts));
        }
        return texts;
    }

    private static void addText(Value item, List<String> texts) {
        if (item instanceof Value.Str text) {
            texts.add(text.value());
        }
    }

    /** What makes a review answerable but not judgeable; such a review is denied with the reason. */
    static Optional<String> malformed(AdmissionReview review) {
        Optional<Operation> operation = review.operation();
        if (operation.isEmpty()) {
            return Optional.of(AdmissionResource.unknownOperation(review));
        }
        boolean needsObject = operation.get() == Operation.CREATE || operation.get() == Operation.UPDATE;
        if (needsObject && (review.object().isEmpty() || !review.object().get().isObject())) {
            return Optional.of("request.object: a " + operation.get() + " review must carry the object");
        }
        if (review.object().isEmpty() && review.oldObject().isEmpty() && review.kind().isEmpty()) {
            return Optional.of("request.kind: a review without an object must name the kind it is about");
        }
        return Optional.empty();
    }

    /**
     * The request the policies see: as sent, except that a hand-made review without {@code kind} gets it from the
     * object, as the API server would, and that {@code metadata.managedFields} is dropped from the objects when
     * configured. Field-manager bookkeeping is often the largest part of a captured object, no admission rule judges
     * it, and every constraint's decision would carry it into its audit record.
     */
    private ObjectNode prepare(AdmissionReview review) {
        boolean addKind = !review.request().path("kind").isObject();
        boolean dropManaged = dropManagedFields && (hasManagedFields(review.request().get("object"))
                || hasManagedFields(review.request().get("oldObject")));
        if (!addKind && !dropManaged) {
            return review.request();
        }
        ObjectNode request = review.request().deepCopy();
        if (dropManaged) {
            for (String member : List.of("object", "oldObject")) {
                if (hasManagedFields(request.get(member))) {
                    ((ObjectNode) request.get(member).get("metadata")).remove("managedFields");
                }
            }
        }
        if (addKind) {
            JsonNode object = review.object().or(review::oldObject).orElseThrow();
            String apiVersion = object.path("apiVersion").asText("");
            int slash = apiVersion.indexOf('/');
            request.putObject("kind")
                    .put("group", slash < 0 ? "" : apiVersion.substring(0, slash))
                    .put("version", apiVersion.substring(slash + 1))
                    .put("kind", object.path("kind").asText(""));
        }
        return request;
    }

    private static boolean hasManagedFields(JsonNode object) {
        return object != null && object.path("metadata").isObject() && object.path("metadata").has("managedFields");
    }

    private static final class Verdict {
        private final List<String> denials = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();

        static Verdict denial(String reason) {
            Verdict verdict = new Verdict();
            verdict.denials.add(reason);
            return verdict;
        }

        void add(Verdict other) {
            denials.addAll(other.denials);
            warnings.addAll(other.warnings);
        }
    }
}
