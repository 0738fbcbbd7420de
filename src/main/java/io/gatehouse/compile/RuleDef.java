package io.gatehouse.compile;

import io.gatehouse.ast.Pos;
import java.util.List;

/**
 * One compiled definition of a rule.
 *
 * @param rule the rule it defines
 * @param order position among every definition of the revision: candidates are evaluated in this order, so the
 *     indexed and the naive evaluator meet errors in the same sequence
 * @param params function parameters: a bound slot each (a constant parameter becomes a test in the body)
 * @param key the set member or object key, or null
 * @param value the value, or null for {@code true}
 * @param body the body, its index guards first (see {@link Guard})
 * @param guards the guard literals at the front of the body that the decision tree may take over
 * @param frameSize how many local slots an evaluation needs
 * @param pos where the definition starts
 * @param label {@code package.rule at file:line:column}, as decisions name the rules that fired
 * @param straight derived: the body is only tests and bindings of single-valued terms, and the key and value are
 *     single-valued too, so the definition has at most one solution and is evaluated without continuations
 */
public record RuleDef(
        RuleSet rule, int order, List<Integer> params, Term key, Term value, Body body, List<Guard> guards,
        int frameSize, Pos pos, String label, boolean straight) {

    public RuleDef(RuleSet rule, int order, List<Integer> params, Term key, Term value, Body body, List<Guard> guards,
            int frameSize, Pos pos) {
        this(rule, order, params, key, value, body, guards, frameSize, pos, rule.qualifiedName() + " at " + pos);
    }

    public RuleDef(RuleSet rule, int order, List<Integer> params, Term key, Term value, Body body, List<Guard> guards,
            int frameSize, Pos pos, String label) {
        this(rule, order, params, key, value, body, guards, frameSize, pos, label, straight(key, value, body));
    }

    public RuleDef {
        params = List.copyOf(params);
        guards = List.copyOf(guards);
    }

    private static boolean straight(Term key, Term value, Body body) {
        if (key != null && !Terms.single(key) || value != null && !Terms.single(value)) {
            return false;
        }
        for (Lit literal : body.literals()) {
            boolean single = literal instanceof Lit.Test test ? test.single()
                    : literal instanceof Lit.Bind bind && bind.single();
            if (!single) {
                return false;
            }
        }
        return true;
    }

    /** {@code file:line:column}. */
    public String location() {
        return pos.toString();
    }
}
