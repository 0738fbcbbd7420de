package io.gatehouse.bench.engines;

import com.fasterxml.jackson.databind.node.TextNode;
import io.gatehouse.bench.workload.Condition;
import io.gatehouse.bench.workload.Query;
import io.gatehouse.bench.workload.Rule;
import io.gatehouse.bench.workload.RuleSets;
import io.gatehouse.bench.workload.RuleWorkload;
import io.gatehouse.bench.workload.Workload;
import io.sapl.api.pdp.AuthorizationDecision;
import io.sapl.api.pdp.AuthorizationSubscription;
import io.sapl.api.pdp.Decision;
import io.sapl.interpreter.DefaultSAPLInterpreter;
import io.sapl.interpreter.InitializationException;
import io.sapl.interpreter.combinators.PolicyDocumentCombiningAlgorithm;
import io.sapl.interpreter.functions.AnnotationFunctionContext;
import io.sapl.interpreter.pip.AnnotationAttributeContext;
import io.sapl.pdp.EmbeddedPolicyDecisionPoint;
import io.sapl.pdp.config.PDPConfiguration;
import io.sapl.prp.Document;
import io.sapl.prp.PrpUpdateEvent;
import io.sapl.prp.index.UpdateEventDrivenPolicyRetrievalPoint;
import io.sapl.prp.index.canonical.CanonicalImmutableParsedDocumentIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * SAPL 3.0 embedded PDP, one policy document per rule, with SAPL's canonical index over the target expressions
 * (the factory's in-memory PDP uses the naive index, which evaluates every document; the canonical one is what SAPL
 * offers for large policy sets, so it is built here by hand) and deny-unless-permit.
 *
 * <p>The Cedar scenarios are not run on SAPL: their hierarchy tests need a policy information point or a function
 * library of our own, which would measure our code rather than SAPL's. Nor are the sets SAPL cannot finish: at
 * 1,000 non-indexable rules its reactive evaluation overflows the default thread stack, and beyond 1,000 rules of
 * any shape loading and deciding took minutes on the benchmark machine.
 */
public final class SaplEngine implements DecisionEngine {

    private EmbeddedPolicyDecisionPoint pdp;
    private AuthorizationSubscription[] subscriptions;

    @Override
    public String name() {
        return "sapl";
    }

    @Override
    public boolean supports(Workload workload) {
        return workload instanceof RuleWorkload rules
                && rules.size() <= (rules.shape() == RuleSets.Shape.RANGES || rules.shape() == RuleSets.Shape.RELATIVE ? 100 : 1000);
    }

    @Override
    public void load(Workload workload) throws Exception {
        RuleWorkload rules = (RuleWorkload) workload;
        pdp = canonicalPdp(documents(rules));
        subscriptions = rules.queries().stream().map(SaplEngine::subscription).toArray(AuthorizationSubscription[]::new);
    }

    @Override
    public boolean decide(int query) {
        AuthorizationDecision decision = pdp.decide(subscriptions[query]).blockFirst();
        return decision != null && decision.getDecision() == Decision.PERMIT;
    }

    public static List<String> documents(RuleWorkload workload) {
        List<String> documents = new ArrayList<>(workload.size());
        for (Rule rule : workload.rules()) {
            documents.add(document(rule));
        }
        return documents;
    }

    /** Every test goes into the target expression, which is what the index reads; eager {@code &} and {@code |}. */
    private static String document(Rule rule) {
        String target = rule.conditions().stream().map(SaplEngine::test).collect(Collectors.joining(" & "));
        return "policy \"rule_" + rule.index() + "\"\npermit " + target + "\n";
    }

    private static String test(Condition condition) {
        String path = condition.path().dotted();
        if (condition instanceof Condition.Equals equals) {
            return path + " == " + GatehouseEngine.quote(equals.value());
        }
        if (condition instanceof Condition.Member member) {
            return "(" + member.values().stream().map(value -> path + " == " + GatehouseEngine.quote(value))
                    .collect(Collectors.joining(" | ")) + ")";
        }
        Condition.Compare compare = (Condition.Compare) condition;
        return compare.left("") + " " + compare.operator().symbol() + " " + compare.value();
    }

    private static AuthorizationSubscription subscription(Query query) {
        return new AuthorizationSubscription(Inputs.attributes(query.subject()), TextNode.valueOf(query.action()),
                Inputs.attributes(query.resource()), null);
    }

    private static EmbeddedPolicyDecisionPoint canonicalPdp(List<String> sources) throws InitializationException {
        var interpreter = new DefaultSAPLInterpreter();
        var functions = new AnnotationFunctionContext();
        var attributes = new AnnotationAttributeContext(List::of, List::of);
        List<PrpUpdateEvent.Update> updates = new ArrayList<>();
        for (String source : sources) {
            Document document = interpreter.parseDocument(source);
            if (document.isInvalid()) {
                throw new IllegalStateException("SAPL rejected a generated document: " + source);
            }
            updates.add(new PrpUpdateEvent.Update(PrpUpdateEvent.Type.PUBLISH, document));
        }
        updates.add(new PrpUpdateEvent.Update(PrpUpdateEvent.Type.CONSISTENT, null));
        UpdateEventDrivenPolicyRetrievalPoint index =
                new CanonicalImmutableParsedDocumentIndex(attributes, functions).apply(new PrpUpdateEvent(updates));
        PDPConfiguration configuration = new PDPConfiguration("bench", attributes, functions, Map.of(),
                PolicyDocumentCombiningAlgorithm.DENY_UNLESS_PERMIT, UnaryOperator.identity(),
                UnaryOperator.identity(), index);
        return new EmbeddedPolicyDecisionPoint(() -> reactor.core.publisher.Flux.just(configuration));
    }
}
