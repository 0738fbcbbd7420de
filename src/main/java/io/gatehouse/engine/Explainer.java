package io.gatehouse.engine;

import io.gatehouse.compile.Body;
import io.gatehouse.compile.CompiledPackage;
import io.gatehouse.compile.Lit;
import io.gatehouse.compile.RuleDef;
import io.gatehouse.compile.RuleSet;
import io.gatehouse.eval.Env;
import io.gatehouse.eval.EvalError;
import io.gatehouse.eval.Evaluator;
import io.gatehouse.eval.Limits;
import io.gatehouse.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the explanation of a decision: the tree path, the definitions that fired with the conditions that held,
 * and for a deny the {@code allow} definition that came closest, with the conditions it failed.
 *
 * <p>"Closest" is the definition whose longest prefix of literals still has a solution; the literal after that
 * prefix failed and the ones after it were not reached, so they are all listed as failed.
 */
final class Explainer {

    private Explainer() {
    }

    static Explanation explain(Evaluator evaluator, CompiledPackage pkg, List<RuleDef> fired, List<String> path,
            boolean allowed, Value input, Limits limits) {
        List<Explanation.RuleTrace> traces = new ArrayList<>();
        for (RuleDef definition : fired) {
            RuleDef original = original(definition);
            traces.add(new Explanation.RuleTrace(original.rule().qualifiedName(), original.location(),
                    texts(original.body().literals()), List.of()));
        }
        List<String> taken = path == null ? List.of("naive evaluation: every definition tried") : path;
        Explanation.RuleTrace closest = allowed ? null : closest(evaluator, pkg.rule("allow"), input, limits);
        return new Explanation(taken, traces, closest);
    }

    private static RuleDef original(RuleDef definition) {
        for (RuleDef candidate : definition.rule().definitions()) {
            if (candidate.order() == definition.order()) {
                return candidate;
            }
        }
        return definition;
    }

    private static Explanation.RuleTrace closest(Evaluator evaluator, RuleSet allow, Value input, Limits limits) {
        if (allow == null) {
            return null;
        }
        RuleDef best = null;
        int bestHeld = -1;
        for (RuleDef definition : allow.definitions()) {
            int held = heldPrefix(evaluator, definition, input, limits);
            if (held > bestHeld && held < definition.body().literals().size()) {
                best = definition;
                bestHeld = held;
            }
        }
        if (best == null) {
            return null;
        }
        List<String> literals = texts(best.body().literals());
        return new Explanation.RuleTrace(allow.qualifiedName(), best.location(), literals.subList(0, bestHeld),
                literals.subList(bestHeld, literals.size()));
    }

    private static int heldPrefix(Evaluator evaluator, RuleDef definition, Value input, Limits limits) {
        List<Lit> literals = definition.body().literals();
        for (int length = literals.size(); length > 0; length--) {
            Body prefix = new Body(literals.subList(0, length));
            try {
                if (evaluator.holds(prefix, new Value[definition.frameSize()], Env.root(input, limits))) {
                    return length;
                }
            } catch (EvalError e) {
                continue;
            }
        }
        return 0;
    }

    private static List<String> texts(List<Lit> literals) {
        List<String> texts = new ArrayList<>();
        literals.forEach(literal -> texts.add(literal.text()));
        return texts;
    }
}
