package io.gatehouse.engine;

import io.gatehouse.ast.Module;
import io.gatehouse.compile.CompiledPackage;
import io.gatehouse.compile.Program;
import io.gatehouse.compile.RuleDef;
import io.gatehouse.compile.RuleSet;
import io.gatehouse.eval.Env;
import io.gatehouse.eval.EvalError;
import io.gatehouse.eval.Evaluator;
import io.gatehouse.eval.Limits;
import io.gatehouse.tree.DecisionTree;
import io.gatehouse.tree.TreeNode;
import io.gatehouse.value.Value;
import io.gatehouse.value.ValueOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The decision model: {@code allow} (default false) and {@code deny} (a set of reasons); allowed iff allow is true
 * and deny is empty; {@code obligations} an object handed back. Any evaluation error is a deny naming the error.
 * The rules are evaluated in the order allow, deny, obligations, through the decision tree or naively.
 */
final class Decider {

    private static final Value.Obj NO_OBLIGATIONS = new Value.Obj(new TreeMap<>(ValueOrder.CODE_POINTS));

    private final Evaluator evaluator;
    /** The oracle's evaluator: no shortcuts, see {@link Evaluator#withoutShortcuts}. */
    private final Evaluator reference;
    private final Limits limits;
    private final String revision;

    /** A package's entrypoint rules and tree, looked up once per decision instead of four times. */
    private record Entrypoints(CompiledPackage pkg, RuleSet allow, RuleSet deny, RuleSet obligations,
            DecisionTree tree, RuleSet[] ordered) {

        Entrypoints(CompiledPackage pkg, RuleSet allow, RuleSet deny, RuleSet obligations, DecisionTree tree) {
            this(pkg, allow, deny, obligations, tree, new RuleSet[] {allow, deny, obligations});
        }
    }

    private final Map<String, Entrypoints> entrypoints;

    Decider(Program program, Limits limits, String revision) {
        Map<String, Entrypoints> byName = new HashMap<>();
        for (CompiledPackage pkg : program.packages().values()) {
            if (!pkg.testOnly()) {
                byName.put(pkg.name(), new Entrypoints(pkg, entrypoint(pkg, "allow"), entrypoint(pkg, "deny"),
                        entrypoint(pkg, "obligations"), program.trees().get(pkg.name())));
            }
        }
        this.entrypoints = Map.copyOf(byName);
        this.evaluator = new Evaluator(program, limits);
        this.reference = evaluator.withoutShortcuts();
        this.limits = limits;
        this.revision = revision;
    }

    Evaluator evaluator() {
        return evaluator;
    }

    Decision decide(String policy, Value input, DecideOptions options) {
        Entrypoints entry = policy == null ? null : entrypoints.get(policy);
        if (entry == null) {
            return failure("policy package \"" + policy + "\" does not exist", null, null);
        }
        CompiledPackage pkg = entry.pkg();
        RuleSet allow = entry.allow();
        RuleSet deny = entry.deny();
        RuleSet obligations = entry.obligations();
        if (allow == null && deny == null) {
            return failure("policy package \"" + policy + "\" has no allow or deny rule", pkg, input);
        }
        Env env = Env.root(input, limits);
        // Performance: most decisions fire one rule or none; room for four avoids the default ten.
        List<RuleDef> fired = new ArrayList<>(4);
        List<String> path = options.explain() && !options.naive() ? new ArrayList<>() : null;
        List<TreeNode.Candidate> candidates = options.naive() ? List.of() : new ArrayList<>(4);
        try {
            // allow, deny, obligations: the order of the values; read only
            RuleSet[] rules = entry.ordered();
            Value[] values = options.naive() ? naive(env, fired, rules)
                    : indexed(entry.tree(), input, env, fired, path, candidates, rules);
            return outcome(pkg, input, values, fired, candidates, options, env, path);
        } catch (EvalError e) {
            return failure(e.describe(), pkg, input);
        } catch (StackOverflowError e) {
            return failure("evaluation nested too deeply", pkg, input);
        } catch (RuntimeException e) {
            // invariant: decide never throws; an engine bug still fails closed and says so.
            return failure("internal evaluation error: " + e, pkg, input);
        }
    }

    private static RuleSet entrypoint(CompiledPackage pkg, String name) {
        RuleSet rule = pkg.rule(name);
        return rule == null || rule.kind() == io.gatehouse.ast.RuleDecl.Kind.FUNCTION ? null : rule;
    }

    private Value[] naive(Env env, List<RuleDef> fired, RuleSet[] rules) {
        Value[] values = new Value[rules.length];
        for (int i = 0; i < rules.length; i++) {
            if (rules[i] != null) {
                values[i] = reference.evaluateRule(rules[i], rules[i].definitions(), env, fired);
            }
        }
        return values;
    }

    private Value[] indexed(DecisionTree tree, Value input, Env env, List<RuleDef> fired, List<String> path,
            List<TreeNode.Candidate> candidates, RuleSet[] rules) {
        tree.candidates(input, candidates, path);
        if (candidates.size() > 1) {
            candidates.sort((left, right) -> Integer.compare(left.order(), right.order()));
        }
        Value[] values = new Value[rules.length];
        for (int i = 0; i < rules.length; i++) {
            if (rules[i] != null) {
                TreeNode.Candidate only = onlyCandidate(candidates, rules[i]);
                values[i] = only != null && only.unconditional()
                        ? evaluator.unconditional(rules[i], only.definition(), env, fired)
                        : evaluator.evaluateRule(rules[i], residuals(candidates, rules[i]), env, fired);
            }
        }
        return values;
    }

    /** The rule's candidate when it has exactly one, else null. */
    private static TreeNode.Candidate onlyCandidate(List<TreeNode.Candidate> candidates, RuleSet rule) {
        TreeNode.Candidate only = null;
        for (int i = 0; i < candidates.size(); i++) {
            TreeNode.Candidate candidate = candidates.get(i);
            if (candidate.rule() == rule) {
                if (only != null) {
                    return null;
                }
                only = candidate;
            }
        }
        return only;
    }

    private static List<RuleDef> residuals(List<TreeNode.Candidate> candidates, RuleSet rule) {
        List<RuleDef> definitions = null;
        for (TreeNode.Candidate candidate : candidates) {
            if (candidate.rule() == rule) {
                if (definitions == null) {
                    definitions = new ArrayList<>(candidates.size());
                }
                definitions.add(candidate.residual());
            }
        }
        return definitions == null ? List.of() : definitions;
    }

    private Decision outcome(CompiledPackage pkg, Value input, Value[] values, List<RuleDef> fired,
            List<TreeNode.Candidate> candidates, DecideOptions options, Env env, List<String> path) {
        Value allowValue = values[0];
        Value denyValue = values[1];
        Value obligationsValue = values[2];
        if (denyValue != null && !(denyValue instanceof Value.SetV)) {
            return failure("deny must be a set of reasons, given " + denyValue.typeName(), pkg, input);
        }
        if (obligationsValue != null && !(obligationsValue instanceof Value.Obj)) {
            return failure("obligations must be an object, given " + obligationsValue.typeName(), pkg, input);
        }
        List<String> reasons = List.of();
        if (denyValue != null && !((Value.SetV) denyValue).members().isEmpty()) {
            List<String> texts = new ArrayList<>();
            ((Value.SetV) denyValue).members().forEach(reason -> texts.add(reasonText(reason)));
            texts.sort(ValueOrder.CODE_POINTS);
            reasons = texts;
        }
        boolean allowed = allowValue == Value.Bool.TRUE && reasons.isEmpty();
        Value.Obj granted = obligationsValue == null ? NO_OBLIGATIONS : (Value.Obj) obligationsValue;
        String operation = operation(pkg, input);
        List<String> rules = ruleNames(fired, candidates);
        Explanation explanation = options.explain()
                ? Explainer.explain(evaluator, pkg, fired, path, allowed, input, limits) : null;
        return new Decision(allowed, reasons, granted, revision, null, operation != null, operation, rules,
                explanation);
    }

    private static String reasonText(Value reason) {
        return reason instanceof Value.Str text ? text.value() : Evaluator.render(reason);
    }

    private static List<String> ruleNames(List<RuleDef> fired, List<TreeNode.Candidate> candidates) {
        if (fired.size() == 1) {
            return List.of(label(fired.get(0), candidates));
        }
        List<RuleDef> sorted = new ArrayList<>(fired);
        sorted.sort((left, right) -> Integer.compare(left.order(), right.order()));
        List<String> names = new ArrayList<>(sorted.size());
        for (RuleDef definition : sorted) {
            names.add(definition.label());
        }
        return names;
    }

    /** The definition's label, from its candidate when it has one: that object is already in the cache. */
    private static String label(RuleDef definition, List<TreeNode.Candidate> candidates) {
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).definition() == definition) {
                return candidates.get(i).label();
            }
        }
        return definition.label();
    }

    /** The declared privileged operation that {@code input.operation} names, or null. */
    static String operation(CompiledPackage pkg, Value input) {
        if (pkg == null || pkg.operations().isEmpty() || !(input instanceof Value.Obj object)
                || !(object.members().get("operation") instanceof Value.Str name)) {
            return null;
        }
        for (Module.OperationDecl declared : pkg.operations()) {
            if (declared.name().equals(name.value())) {
                return declared.name();
            }
        }
        return null;
    }

    private Decision failure(String error, CompiledPackage pkg, Value input) {
        String operation = operation(pkg, input);
        return new Decision(false, List.of("evaluation error: " + error), NO_OBLIGATIONS, revision, error,
                operation != null, operation, List.of(), null);
    }
}
