package io.gatehouse.check;

import io.gatehouse.compile.Body;
import io.gatehouse.compile.Lit;
import io.gatehouse.compile.RuleDef;
import io.gatehouse.compile.RuleSet;
import io.gatehouse.compile.Term;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds rules that depend on themselves. Recursion is an error: a rule's value must not depend on itself, and
 * forbidding it bounds evaluation depth by the policy's size.
 */
public final class RecursionCheck {

    private RecursionCheck() {
    }

    public static void check(List<RuleSet> rules, Problems problems) {
        Map<RuleSet, Set<RuleSet>> edges = new HashMap<>();
        for (RuleSet rule : rules) {
            Set<RuleSet> targets = new LinkedHashSet<>();
            for (RuleDef definition : rule.definitions()) {
                References.collect(definition, rules, targets);
            }
            edges.put(rule, targets);
        }
        Map<RuleSet, Integer> state = new HashMap<>();
        for (RuleSet rule : rules) {
            visit(rule, edges, state, new ArrayList<>(), problems);
        }
    }

    /** Depth-first search; state 1 = on the current path, 2 = done. */
    private static void visit(RuleSet rule, Map<RuleSet, Set<RuleSet>> edges, Map<RuleSet, Integer> state,
            List<RuleSet> path, Problems problems) {
        Integer seen = state.get(rule);
        if (seen != null && seen == 2) {
            return;
        }
        if (seen != null) {
            List<RuleSet> cycle = new ArrayList<>(path.subList(path.indexOf(rule), path.size()));
            cycle.add(rule);
            problems.error(Problems.Code.RECURSION, rule.pos(), "recursion: " + String.join(" -> ",
                    cycle.stream().map(RuleSet::qualifiedName).toList()), "a rule may not depend on itself");
            return;
        }
        state.put(rule, 1);
        path.add(rule);
        for (RuleSet target : edges.getOrDefault(rule, Set.of())) {
            visit(target, edges, state, path, problems);
        }
        path.remove(path.size() - 1);
        state.put(rule, 2);
    }

    /** Collects the rules a definition refers to. */
    static final class References {

        private References() {
        }

        static void collect(RuleDef definition, List<RuleSet> all, Set<RuleSet> out) {
            body(definition.body(), all, out);
            term(definition.key(), all, out);
            term(definition.value(), all, out);
        }

        static void body(Body body, List<RuleSet> all, Set<RuleSet> out) {
            for (Lit literal : body.literals()) {
                literal(literal, all, out);
            }
        }

        private static void literal(Lit literal, List<RuleSet> all, Set<RuleSet> out) {
            if (literal instanceof Lit.Test test) {
                term(test.term(), all, out);
            } else if (literal instanceof Lit.Not not) {
                body(not.body(), all, out);
            } else if (literal instanceof Lit.Bind bind) {
                term(bind.value(), all, out);
            } else if (literal instanceof Lit.SomeIn some) {
                term(some.collection(), all, out);
            } else if (literal instanceof Lit.Every every) {
                term(every.collection(), all, out);
                body(every.body(), all, out);
            } else if (literal instanceof Lit.With with) {
                literal(with.inner(), all, out);
                with.replacements().forEach(replacement -> term(replacement.value(), all, out));
            }
        }

        static void term(Term term, List<RuleSet> all, Set<RuleSet> out) {
            if (term == null || term instanceof Term.Const || term instanceof Term.Local
                    || term instanceof Term.Input || term instanceof Term.Data) {
                return;
            }
            if (term instanceof Term.RuleValue rule) {
                out.add(rule.rule());
            } else if (term instanceof Term.PackageValue pkg) {
                String prefix = String.join(".", pkg.path());
                all.stream().filter(rule -> prefix.isEmpty() || rule.packageName().equals(prefix)
                        || rule.packageName().startsWith(prefix + ".")).forEach(out::add);
            } else if (term instanceof Term.Index index) {
                term(index.base(), all, out);
                index.steps().forEach(step -> term(step.key(), all, out));
            } else if (term instanceof Term.BuiltinCall call) {
                call.args().forEach(arg -> term(arg, all, out));
            } else if (term instanceof Term.FunctionCall call) {
                out.add(call.function());
                call.args().forEach(arg -> term(arg, all, out));
            } else {
                composite(term, all, out);
            }
        }

        private static void composite(Term term, List<RuleSet> all, Set<RuleSet> out) {
            if (term instanceof Term.Binary binary) {
                term(binary.left(), all, out);
                term(binary.right(), all, out);
            } else if (term instanceof Term.Negate negate) {
                term(negate.operand(), all, out);
            } else if (term instanceof Term.ArrayOf array) {
                array.items().forEach(item -> term(item, all, out));
            } else if (term instanceof Term.SetOf set) {
                set.items().forEach(item -> term(item, all, out));
            } else if (term instanceof Term.ObjectOf object) {
                object.keys().forEach(key -> term(key, all, out));
                object.values().forEach(value -> term(value, all, out));
            } else if (term instanceof Term.Comprehension comprehension) {
                term(comprehension.key(), all, out);
                term(comprehension.head(), all, out);
                body(comprehension.body(), all, out);
            }
        }
    }
}
