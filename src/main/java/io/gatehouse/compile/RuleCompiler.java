package io.gatehouse.compile;

import io.gatehouse.ast.AstPrinter;
import io.gatehouse.ast.Expr;
import io.gatehouse.ast.Literal;
import io.gatehouse.ast.Module;
import io.gatehouse.ast.Pos;
import io.gatehouse.ast.RuleDecl;
import io.gatehouse.builtin.Builtin;
import io.gatehouse.builtin.BuiltinException;
import io.gatehouse.check.Problems;
import io.gatehouse.eval.Documents;
import io.gatehouse.eval.EvalError;
import io.gatehouse.eval.Operators;
import io.gatehouse.value.Value;
import io.gatehouse.value.ValueOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compiles one rule definition: resolves every name (local variable, rule, import, {@code input}, {@code data},
 * builtin), checks that every variable is bound before it is read (safety), folds constant expressions (a constant
 * type mismatch is a compile error) and moves index guards to the front of the body.
 *
 * <p>Bodies are not reordered for safety as Rego does: a variable must be bound by an earlier literal, or earlier in
 * the same literal, which keeps evaluation order the order the author wrote.
 */
final class RuleCompiler {

    private final Module module;
    private final Symbols symbols;
    private final Problems problems;
    private final Map<String, RuleSet> ownRules;
    private final Map<List<String>, Term.Index> inputPaths;
    private Scope scope;

    /**
     * @param inputPaths the revision's shared input path terms (see {@link #index}), filled as rules compile
     */
    RuleCompiler(Module module, Symbols symbols, Problems problems, Map<List<String>, Term.Index> inputPaths) {
        this.module = module;
        this.symbols = symbols;
        this.problems = problems;
        this.inputPaths = inputPaths;
        this.ownRules = symbols.rules().get(module.packageName());
    }

    RuleDef compile(RuleSet rule, RuleDecl decl, int order) {
        scope = new Scope();
        List<Integer> params = new ArrayList<>();
        List<Lit> literals = new ArrayList<>();
        for (Expr param : decl.params()) {
            params.add(param(param, literals));
        }
        for (Literal literal : decl.body()) {
            literals.addAll(literal(literal));
        }
        Term key = decl.key() == null ? null : term(decl.key());
        Term value = decl.value() == null ? null : term(decl.value());
        List<Lit> ordered = new ArrayList<>();
        List<Guard> guards = new ArrayList<>();
        for (Lit literal : literals) {
            Guard guard = Guards.of(literal, ordered.size());
            if (guard != null) {
                guards.add(guard);
                ordered.add(literal);
            }
        }
        literals.stream().filter(literal -> Guards.of(literal, 0) == null).forEach(ordered::add);
        for (int index = guards.size(); index < ordered.size(); index++) {
            Guard range = Guards.range(ordered.get(index), index);
            if (range == null) {
                break;
            }
            guards.add(range);
        }
        return new RuleDef(rule, order, params, key, value, new Body(ordered), guards, scope.frameSize(), decl.pos());
    }

    private int param(Expr param, List<Lit> literals) {
        if (param instanceof Expr.Var var) {
            if (scope.declaredHere(var.name())) {
                problems.error(Problems.Code.REDECLARED_VARIABLE, var.pos(), "parameter \"" + var.name()
                        + "\" is declared twice");
            }
            return scope.declare(var.name(), true).slot;
        }
        Term constant = term(param);
        Scope.Variable slot = scope.declare("_", true);
        if (!(constant instanceof Term.Const)) {
            problems.error(Problems.Code.INVALID_RULE, param.pos(), "a function parameter must be a variable or a "
                    + "constant", "given " + AstPrinter.expr(param));
        }
        Term test = new Term.Binary(Expr.Op.EQ, new Term.Local(slot.slot, "_", param.pos()), constant, param.pos());
        literals.add(new Lit.Test(test, "parameter == " + AstPrinter.expr(param), param.pos()));
        return slot.slot;
    }

    /** Compiles an expression outside any body, such as a default value: no variable is bound there. */
    Term constant(Expr expr) {
        scope = new Scope();
        return term(expr);
    }

    // ---- literals

    private List<Lit> literal(Literal literal) {
        if (literal.withs().isEmpty()) {
            return plainLiteral(literal);
        }
        List<Lit.Replacement> replacements = literal.withs().stream().map(this::replacement).toList();
        List<Lit> inner = plainLiteral(literal);
        if (inner.size() != 1) {
            problems.error(Problems.Code.INVALID_WITH, literal.pos(), "`with` cannot modify this literal",
                    "apply `with` to a single expression or assignment");
            return inner;
        }
        return List.of(new Lit.With(inner.get(0), replacements, AstPrinter.literal(literal), literal.pos()));
    }

    private Lit.Replacement replacement(Literal.With with) {
        Term value = term(with.value());
        List<String> path = new ArrayList<>();
        String root = with.target().head() instanceof Expr.Var var ? var.name() : "";
        for (Expr step : with.target().path()) {
            if (step instanceof Expr.Scalar scalar && scalar.value() instanceof Value.Str text) {
                path.add(text.value());
            } else {
                problems.error(Problems.Code.INVALID_WITH, step.pos(), "`with` targets need a static path",
                        "write `with input.a.b as ...` or `with data.x.y as ...`");
            }
        }
        if (!root.equals("input") && !root.equals("data")) {
            problems.error(Problems.Code.INVALID_WITH, with.pos(), "`with` can only replace input or data, given \""
                    + AstPrinter.expr(with.target()) + "\"", null);
        }
        if (root.equals("data") && path.isEmpty()) {
            problems.error(Problems.Code.INVALID_WITH, with.pos(), "`with data as` would replace every rule",
                    "replace a document or a rule below data");
        }
        return new Lit.Replacement(root.equals("input"), path, value);
    }

    private List<Lit> plainLiteral(Literal literal) {
        String text = AstPrinter.literal(literal);
        Pos pos = literal.pos();
        if (literal instanceof Literal.ExprLit plain) {
            return List.of(new Lit.Test(term(plain.expr()), text, pos));
        }
        if (literal instanceof Literal.Not not) {
            scope.open();
            Term term = term(not.expr());
            scope.close();
            return List.of(new Lit.Not(new Body(List.of(new Lit.Test(term, text, pos))), text, pos));
        }
        if (literal instanceof Literal.Assign assign) {
            return assign(assign.target(), term(assign.value()), text, pos);
        }
        if (literal instanceof Literal.Unify unify) {
            return unify(unify, text, pos);
        }
        if (literal instanceof Literal.SomeDecl some) {
            some.names().forEach(name -> scope.declare(name, false));
            return List.of();
        }
        if (literal instanceof Literal.SomeIn some) {
            Term collection = term(some.collection());
            int key = some.key() == null ? -1 : scope.declare(some.key(), true).slot;
            int value = scope.declare(some.value(), true).slot;
            return List.of(new Lit.SomeIn(key, value, collection, text, pos));
        }
        if (literal instanceof Literal.Every every) {
            return List.of(every(every, text, pos));
        }
        throw new IllegalStateException("no compilation for literal " + literal.getClass().getSimpleName());
    }

    private Lit every(Literal.Every every, String text, Pos pos) {
        Term collection = term(every.collection());
        scope.open();
        int key = every.key() == null ? -1 : scope.declare(every.key(), true).slot;
        int value = scope.declare(every.value(), true).slot;
        List<Lit> body = new ArrayList<>();
        every.body().forEach(literal -> body.addAll(literal(literal)));
        scope.close();
        return new Lit.Every(key, value, collection, new Body(body), text, pos);
    }

    private List<Lit> assign(Expr target, Term value, String text, Pos pos) {
        if (target instanceof Expr.Var var) {
            if (scope.declaredHere(var.name()) && scope.find(var.name()).bound) {
                problems.error(Problems.Code.REDECLARED_VARIABLE, var.pos(), "variable \"" + var.name()
                        + "\" is assigned twice", "use a new name, or `==` to compare");
            }
            Scope.Variable variable = scope.declare(var.name(), true);
            return List.of(new Lit.Bind(variable.slot, var.name(), value, text, pos));
        }
        if (target instanceof Expr.ArrayLit array) {
            Scope.Variable whole = scope.declare("_", true);
            List<Lit> literals = new ArrayList<>();
            literals.add(new Lit.Bind(whole.slot, "_", value, text, pos));
            for (int i = 0; i < array.items().size(); i++) {
                Term item = new Term.Index(new Term.Local(whole.slot, "_", pos),
                        List.of(Term.Step.key(new Term.Const(Value.Num.of(i), pos))), pos);
                literals.addAll(assign(array.items().get(i), item, text, pos));
            }
            return literals;
        }
        problems.error(Problems.Code.INVALID_RULE, target.pos(), "only a variable or an array of variables can be "
                + "assigned with \":=\"", "given " + AstPrinter.expr(target));
        return List.of();
    }

    private List<Lit> unify(Literal.Unify unify, String text, Pos pos) {
        if (isUnbound(unify.left())) {
            return bindUnbound((Expr.Var) unify.left(), term(unify.right()), text, pos);
        }
        if (isUnbound(unify.right())) {
            return bindUnbound((Expr.Var) unify.right(), term(unify.left()), text, pos);
        }
        Term equal = fold(new Term.Binary(Expr.Op.EQ, term(unify.left()), term(unify.right()), pos));
        return List.of(new Lit.Test(equal, text, pos));
    }

    private List<Lit> bindUnbound(Expr.Var var, Term value, String text, Pos pos) {
        Scope.Variable variable = scope.find(var.name());
        if (variable == null) {
            variable = scope.declare(var.name(), true);
        }
        variable.bound = true;
        return List.of(new Lit.Bind(variable.slot, var.name(), value, text, pos));
    }

    /** A bare name that nothing defines yet, or a declared variable without a value: `=` binds it. */
    private boolean isUnbound(Expr expr) {
        if (!(expr instanceof Expr.Var var) || "_".equals(var.name())) {
            return false;
        }
        Scope.Variable variable = scope.find(var.name());
        if (variable != null) {
            return !variable.bound;
        }
        return !isGlobalName(var.name());
    }

    private boolean isGlobalName(String name) {
        return name.equals("input") || name.equals("data") || ownRules.containsKey(name) || alias(name) != null;
    }

    private Module.Import alias(String name) {
        for (Module.Import imported : module.imports()) {
            if (imported.alias().equals(name)) {
                return imported;
            }
        }
        return null;
    }

    // ---- terms

    Term term(Expr expr) {
        Pos pos = expr.pos();
        if (expr instanceof Expr.Scalar scalar) {
            return new Term.Const(scalar.value(), pos);
        }
        if (expr instanceof Expr.Var var) {
            return name(var, List.of());
        }
        if (expr instanceof Expr.Ref ref) {
            return ref(ref);
        }
        if (expr instanceof Expr.Call call) {
            return call(call);
        }
        if (expr instanceof Expr.Binary binary) {
            Term left = term(binary.left());
            Term right = term(binary.right());
            return fold(new Term.Binary(binary.op(), left, right, pos));
        }
        if (expr instanceof Expr.Negate negate) {
            return fold(new Term.Negate(term(negate.operand()), pos));
        }
        return composite(expr);
    }

    private Term composite(Expr expr) {
        Pos pos = expr.pos();
        if (expr instanceof Expr.ArrayLit array) {
            return fold(new Term.ArrayOf(array.items().stream().map(this::term).toList(), pos));
        }
        if (expr instanceof Expr.SetLit set) {
            return fold(new Term.SetOf(set.items().stream().map(this::term).toList(), pos));
        }
        if (expr instanceof Expr.ObjectLit object) {
            List<Term> keys = new ArrayList<>();
            List<Term> values = new ArrayList<>();
            for (int i = 0; i < object.keys().size(); i++) {
                keys.add(term(object.keys().get(i)));
                values.add(term(object.values().get(i)));
            }
            return fold(new Term.ObjectOf(keys, values, pos));
        }
        if (expr instanceof Expr.Comprehension comprehension) {
            scope.open();
            List<Lit> body = new ArrayList<>();
            comprehension.body().forEach(literal -> body.addAll(literal(literal)));
            Term key = comprehension.key() == null ? null : term(comprehension.key());
            Term head = term(comprehension.head());
            scope.close();
            return new Term.Comprehension(comprehension.kind(), key, head, new Body(body), pos);
        }
        throw new IllegalStateException("no compilation for expression " + expr.getClass().getSimpleName());
    }

    /** A bare name, possibly followed by navigation steps. */
    private Term name(Expr.Var var, List<Expr> steps) {
        String name = var.name();
        Scope.Variable variable = scope.find(name);
        if (variable != null && variable.bound) {
            return index(new Term.Local(variable.slot, name, var.pos()), steps, var.pos());
        }
        if (variable == null && name.equals("input")) {
            return index(new Term.Input(var.pos()), steps, var.pos());
        }
        if (variable == null && name.equals("data")) {
            return data(new ArrayList<>(), steps, var.pos());
        }
        if (variable == null && ownRules.containsKey(name)) {
            return ruleValue(ownRules.get(name), steps, var.pos());
        }
        Module.Import imported = variable == null ? alias(name) : null;
        if (imported != null) {
            return data(new ArrayList<>(imported.path().subList(1, imported.path().size())), steps, var.pos());
        }
        problems.error(Problems.Code.UNSAFE_VARIABLE, var.pos(), "unsafe variable \"" + name + "\": nothing binds it "
                + "before this use", "assign it first (`" + name + " := ...`), iterate with `some " + name
                + " in ...`, or check the spelling of a rule or import");
        return new Term.Const(Value.Null.INSTANCE, var.pos());
    }

    private Term ruleValue(RuleSet rule, List<Expr> steps, Pos pos) {
        if (rule.kind() == RuleDecl.Kind.FUNCTION) {
            problems.error(Problems.Code.INVALID_RULE, pos, "function \"" + rule.qualifiedName() + "\" is used "
                    + "without arguments", "call it as `" + rule.name() + "(...)`");
        }
        return index(new Term.RuleValue(rule, pos), steps, pos);
    }

    private Term ref(Expr.Ref ref) {
        if (ref.head() instanceof Expr.Var var) {
            return name(var, ref.path());
        }
        return index(term(ref.head()), ref.path(), ref.pos());
    }

    private Term index(Term base, List<Expr> steps, Pos pos) {
        if (steps.isEmpty()) {
            return base;
        }
        List<Term.Step> compiled = new ArrayList<>();
        for (Expr step : steps) {
            compiled.add(step(step));
        }
        if (base instanceof Term.Const constant && compiled.stream().noneMatch(Term.Step::binds)
                && compiled.stream().allMatch(step -> step.key() instanceof Term.Const)) {
            Value current = constant.value();
            for (Term.Step step : compiled) {
                current = current == null ? null : Documents.member(current, ((Term.Const) step.key()).value());
            }
            if (current != null) {
                return new Term.Const(current, pos);
            }
        }
        List<String> path = base instanceof Term.Input ? Guards.inputPath(new Term.Index(base, compiled, pos)) : null;
        if (path != null) {
            // Performance: one shared term per input path across the revision, numbered so that a decision looks its
            // value up once. Such a term cannot fail, so its position is never reported, and ten thousand rules
            // testing input.resource.amount read one hot object instead of ten thousand cold copies of it.
            return inputPaths.computeIfAbsent(path, key -> new Term.Index(base, compiled, pos, inputPaths.size()));
        }
        return new Term.Index(base, compiled, pos);
    }

    /** A bracket step: an unbound variable (or {@code _}) iterates, anything else is a key. */
    private Term.Step step(Expr step) {
        if (step instanceof Expr.Var var) {
            Scope.Variable variable = scope.find(var.name());
            boolean unbound = variable == null ? !isGlobalName(var.name()) : !variable.bound;
            if ("_".equals(var.name()) || unbound) {
                if (variable == null || "_".equals(var.name())) {
                    variable = scope.declare(var.name(), true);
                }
                variable.bound = true;
                return Term.Step.bind(variable.slot, var.name());
            }
        }
        return Term.Step.key(term(step));
    }

    /** {@code data} followed by steps: a rule, a package, or a base document. */
    private Term data(List<String> path, List<Expr> steps, Pos pos) {
        int at = 0;
        while (true) {
            Map<String, RuleSet> rules = symbols.packageRules(path);
            String next = at < steps.size() ? constantKey(steps.get(at)) : null;
            if (rules != null && next != null && rules.containsKey(next)) {
                return ruleValue(rules.get(next), steps.subList(at + 1, steps.size()), pos);
            }
            if (next != null && symbols.isPackagePrefix(append(path, next))) {
                path = append(path, next);
                at++;
                continue;
            }
            if (!symbols.isPackagePrefix(path) || path.isEmpty() && next != null) {
                return document(path, steps.subList(at, steps.size()), pos);
            }
            if (at == steps.size()) {
                return new Term.PackageValue(path, pos);
            }
            if (next == null) {
                problems.error(Problems.Code.UNSUPPORTED_REF, steps.get(at).pos(), "a reference into package \""
                        + String.join(".", path) + "\" needs a rule name, not a computed key", null);
                return new Term.Const(Value.Null.INSTANCE, pos);
            }
            return document(path, steps.subList(at, steps.size()), pos);
        }
    }

    /** A base document: static keys join the path, the rest navigates the value. */
    private Term document(List<String> path, List<Expr> steps, Pos pos) {
        List<String> full = new ArrayList<>(path);
        int at = 0;
        while (at < steps.size() && constantKey(steps.get(at)) != null) {
            full.add(constantKey(steps.get(at)));
            at++;
        }
        int known = path.size() + (at > 0 ? 1 : 0);
        if (full.size() > path.size() && Documents.at(symbols.data(), full.subList(0, known)) == null) {
            Map<String, RuleSet> rules = symbols.packageRules(path);
            String missing = "data." + String.join(".", full.subList(0, known));
            if (rules != null) {
                problems.error(Problems.Code.UNKNOWN_RULE, pos, "unknown rule \"" + full.get(path.size())
                        + "\" in package \"" + String.join(".", path) + "\"", null);
            } else {
                problems.error(Problems.Code.UNKNOWN_PACKAGE, pos, "unknown package or data document \"" + missing
                        + "\"", "data documents are JSON or YAML files beside the policies");
            }
        }
        Term base = new Term.Data(full, Documents.at(symbols.data(), full), pos);
        return index(base, steps.subList(at, steps.size()), pos);
    }

    private static String constantKey(Expr step) {
        return step instanceof Expr.Scalar scalar && scalar.value() instanceof Value.Str text ? text.value() : null;
    }

    private static List<String> append(List<String> path, String next) {
        List<String> longer = new ArrayList<>(path);
        longer.add(next);
        return longer;
    }

    // ---- calls

    private Term call(Expr.Call call) {
        if (call.name().equals("set") && call.args().isEmpty()) {
            return new Term.Const(new Value.SetV(new TreeSet<>(ValueOrder.INSTANCE)), call.pos());
        }
        List<Term> args = call.args().stream().map(this::term).toList();
        RuleSet function = function(call.name());
        if (function != null) {
            return functionCall(function, args, call);
        }
        Builtin builtin = symbols.builtins().get(call.name());
        if (builtin == null) {
            problems.error(Problems.Code.UNKNOWN_FUNCTION, call.pos(), "unknown function \"" + call.name() + "\"",
                    "see docs/builtins.md for the builtins, or define a function rule");
            return new Term.Const(Value.Null.INSTANCE, call.pos());
        }
        if (builtin.arity() != args.size()) {
            problems.error(Problems.Code.ARITY, call.pos(), "wrong number of arguments for \"" + call.name()
                    + "\": given " + args.size() + ", expected " + builtin.arity(), null);
            return new Term.Const(Value.Null.INSTANCE, call.pos());
        }
        checkConstants(builtin, args, call);
        return new Term.BuiltinCall(builtin, args, call.pos());
    }

    private void checkConstants(Builtin builtin, List<Term> args, Expr.Call call) {
        List<Value> constants = new ArrayList<>();
        args.forEach(arg -> constants.add(arg instanceof Term.Const constant ? constant.value() : null));
        try {
            builtin.checkConstants(java.util.Collections.unmodifiableList(constants));
        } catch (BuiltinException e) {
            // the message already starts with the builtin's name (see BuiltinException)
            problems.error(Problems.Code.BUILTIN_ARGUMENT, call.pos(), e.getMessage(), null);
        }
    }

    private Term functionCall(RuleSet function, List<Term> args, Expr.Call call) {
        if (function.kind() != RuleDecl.Kind.FUNCTION) {
            problems.error(Problems.Code.INVALID_RULE, call.pos(), "rule \"" + function.qualifiedName()
                    + "\" is not a function", "refer to it without parentheses");
        } else if (function.arity() != args.size()) {
            problems.error(Problems.Code.ARITY, call.pos(), "wrong number of arguments for \"" + call.name()
                    + "\": given " + args.size() + ", expected " + function.arity(), null);
        }
        return new Term.FunctionCall(function, args, call.pos());
    }

    /** A function rule named {@code f}, {@code alias.f} or {@code data.pkg.f}. */
    private RuleSet function(String name) {
        List<String> parts = List.of(name.split("\\."));
        if (parts.size() == 1) {
            return ownRules.get(name);
        }
        List<String> path;
        Module.Import imported = alias(parts.get(0));
        if (parts.get(0).equals("data")) {
            path = new ArrayList<>(parts.subList(1, parts.size()));
        } else if (imported != null) {
            path = new ArrayList<>(imported.path().subList(1, imported.path().size()));
            path.addAll(parts.subList(1, parts.size()));
        } else {
            return null;
        }
        if (path.isEmpty()) {
            return null;
        }
        Map<String, RuleSet> rules = symbols.packageRules(path.subList(0, path.size() - 1));
        return rules == null ? null : rules.get(path.get(path.size() - 1));
    }

    // ---- constant folding

    /** Evaluates an operator over constants now; a type mismatch between constants is a compile error. */
    private Term fold(Term term) {
        try {
            if (term instanceof Term.Binary binary && binary.left() instanceof Term.Const left
                    && binary.right() instanceof Term.Const right) {
                return new Term.Const(Operators.apply(binary.op(), left.value(), right.value(), binary.pos()),
                        binary.pos());
            }
            if (term instanceof Term.Negate negate && negate.operand() instanceof Term.Const operand) {
                return new Term.Const(Operators.negate(operand.value(), negate.pos()), negate.pos());
            }
        } catch (EvalError e) {
            problems.error(Problems.Code.TYPE_MISMATCH, term.pos(), e.getMessage(), "both sides are constants, "
                    + "so this can never evaluate");
            return term;
        }
        return foldComposite(term);
    }

    private Term foldComposite(Term term) {
        if (term instanceof Term.ArrayOf array && allConstant(array.items())) {
            return new Term.Const(new Value.Arr(values(array.items())), array.pos());
        }
        if (term instanceof Term.SetOf set && allConstant(set.items())) {
            TreeSet<Value> members = new TreeSet<>(ValueOrder.INSTANCE);
            members.addAll(values(set.items()));
            return new Term.Const(new Value.SetV(members), set.pos());
        }
        if (term instanceof Term.ObjectOf object && allConstant(object.keys()) && allConstant(object.values())) {
            TreeMap<String, Value> members = new TreeMap<>(ValueOrder.CODE_POINTS);
            for (int i = 0; i < object.keys().size(); i++) {
                Value key = ((Term.Const) object.keys().get(i)).value();
                if (!(key instanceof Value.Str text)) {
                    problems.error(Problems.Code.TYPE_MISMATCH, object.keys().get(i).pos(), "object keys must be "
                            + "strings, given " + key.typeName(), null);
                    return term;
                }
                members.put(text.value(), ((Term.Const) object.values().get(i)).value());
            }
            return new Term.Const(new Value.Obj(members), object.pos());
        }
        return term;
    }

    private static boolean allConstant(List<Term> terms) {
        return terms.stream().allMatch(term -> term instanceof Term.Const);
    }

    private static List<Value> values(List<Term> terms) {
        return terms.stream().map(term -> ((Term.Const) term).value()).toList();
    }
}
