package io.gatehouse.check;

import io.gatehouse.compile.Guard;
import io.gatehouse.compile.Lit;
import io.gatehouse.compile.RuleDef;
import io.gatehouse.compile.RuleSet;
import io.gatehouse.compile.Term;
import io.gatehouse.value.Value;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Warnings about definitions that can never fire: a literal that is constantly false, or contradictory guards. */
public final class Lint {

    private Lint() {
    }

    public static void check(List<RuleSet> rules, Problems problems) {
        for (RuleSet rule : rules) {
            for (RuleDef definition : rule.definitions()) {
                String reason = neverFires(definition);
                if (reason != null) {
                    problems.warning(Problems.Code.NEVER_FIRES, definition.pos(), "rule \"" + rule.qualifiedName()
                            + "\" can never fire: " + reason, "remove the definition or fix the condition");
                }
            }
        }
    }

    private static String neverFires(RuleDef definition) {
        for (Lit literal : definition.body().literals()) {
            if (literal instanceof Lit.Test test && test.term() instanceof Term.Const constant
                    && constant.value() == Value.Bool.FALSE) {
                return "\"" + test.text() + "\" is always false";
            }
        }
        Map<List<String>, Set<Value>> accepted = new HashMap<>();
        for (Guard guard : definition.guards()) {
            if (guard.isTypeTest() || guard.isRange()) {
                continue;
            }
            Set<Value> previous = accepted.get(guard.path());
            Set<Value> now = new HashSet<>(guard.values());
            if (previous != null) {
                now.retainAll(previous);
            }
            if (now.isEmpty()) {
                return "no value of input." + String.join(".", guard.path()) + " passes every test on it";
            }
            accepted.put(guard.path(), now);
        }
        return null;
    }
}
