package io.gatehouse.compile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the rules whose value cannot depend on the input: no definition reads {@code input} or uses {@code with},
 * and neither does any rule or function they refer to. Such a rule has one value per revision (data is fixed), so
 * the engine computes it once at load instead of in every decision; the Cedar ports' entity indexes are the case
 * this is for.
 */
public final class InputIndependence {

    private final List<RuleSet> all;
    private final Map<RuleSet, Boolean> known = new HashMap<>();

    private InputIndependence(List<RuleSet> all) {
        this.all = all;
    }

    /** Whether each rule is input-independent; recursion is already ruled out by the checker. */
    public static Map<RuleSet, Boolean> of(List<RuleSet> rules) {
        InputIndependence analysis = new InputIndependence(rules);
        rules.forEach(analysis::independent);
        return Map.copyOf(analysis.known);
    }

    private boolean independent(RuleSet rule) {
        Boolean cached = known.get(rule);
        if (cached != null) {
            return cached;
        }
        known.put(rule, false);
        boolean result = rule.definitions().stream().allMatch(definition -> body(definition.body())
                && term(definition.key()) && term(definition.value()));
        known.put(rule, result);
        return result;
    }

    private boolean body(Body body) {
        return body.literals().stream().allMatch(this::literal);
    }

    private boolean literal(Lit literal) {
        if (literal instanceof Lit.Test test) {
            return term(test.term());
        }
        if (literal instanceof Lit.Not not) {
            return body(not.body());
        }
        if (literal instanceof Lit.Bind bind) {
            return term(bind.value());
        }
        if (literal instanceof Lit.SomeIn some) {
            return term(some.collection());
        }
        if (literal instanceof Lit.Every every) {
            return term(every.collection()) && body(every.body());
        }
        return false;
    }

    private boolean term(Term term) {
        if (term == null || term instanceof Term.Const || term instanceof Term.Local || term instanceof Term.Data) {
            return true;
        }
        if (term instanceof Term.Input) {
            return false;
        }
        if (term instanceof Term.RuleValue rule) {
            return independent(rule.rule());
        }
        if (term instanceof Term.PackageValue pkg) {
            String prefix = String.join(".", pkg.path());
            return all.stream().filter(rule -> prefix.isEmpty() || rule.packageName().equals(prefix)
                    || rule.packageName().startsWith(prefix + ".")).allMatch(this::independent);
        }
        if (term instanceof Term.Index index) {
            return term(index.base()) && index.steps().stream().allMatch(step -> term(step.key()));
        }
        if (term instanceof Term.FunctionCall call) {
            return independent(call.function()) && call.args().stream().allMatch(this::term);
        }
        if (term instanceof Term.Comprehension comprehension) {
            return term(comprehension.key()) && term(comprehension.head()) && body(comprehension.body());
        }
        List<Term> operands = Terms.operands(term);
        return operands != null && operands.stream().allMatch(this::term);
    }
}
