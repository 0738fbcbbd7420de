package io.gatehouse.eval;

import io.gatehouse.ast.Pos;
import io.gatehouse.ast.RuleDecl;
import io.gatehouse.builtin.BuiltinException;
import io.gatehouse.compile.Body;
import io.gatehouse.compile.CompiledPackage;
import io.gatehouse.compile.InputIndependence;
import io.gatehouse.compile.Lit;
import io.gatehouse.compile.Program;
import io.gatehouse.compile.RuleDef;
import io.gatehouse.compile.RuleSet;
import io.gatehouse.compile.Term;
import io.gatehouse.value.Value;
import io.gatehouse.value.ValueOrder;
import io.gatehouse.value.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Evaluates compiled rules by backtracking: each literal passes every solution it finds to a continuation, which
 * evaluates the rest of the body. Undefined means "no solution"; a policy mistake throws {@link EvalError}, which
 * the engine turns into a deny.
 *
 * <p>Evaluation is exhaustive: every body of a rule and every solution of a body is visited, so an error anywhere
 * in a rule is the rule's error whatever order its definitions are written in, and the result does not depend on
 * where a search happened to stop.
 */
public final class Evaluator {

    private final Program program;
    private final Map<RuleSet, Object> constants;
    /** Whether single-valued literals and straight definitions skip the continuations; off only in the oracle. */
    private final boolean shortcuts;

    public Evaluator(Program program) {
        this.program = Objects.requireNonNull(program, "program");
        this.constants = Map.of();
        this.shortcuts = true;
    }

    private Evaluator(Program program, Map<RuleSet, Object> constants, boolean shortcuts) {
        this.program = program;
        this.constants = constants;
        this.shortcuts = shortcuts;
    }

    /**
     * An evaluator that computes every input-independent rule once, now, under the given limits. A rule whose
     * evaluation fails is left out and evaluated in each decision, so it fails there the same way every time.
     */
    public Evaluator(Program program, Limits limits) {
        this.program = Objects.requireNonNull(program, "program");
        Map<RuleSet, Object> computed = new java.util.HashMap<>();
        Evaluator plain = new Evaluator(program);
        InputIndependence.of(program.rules()).forEach((rule, independent) -> {
            if (!independent || rule.kind() == RuleDecl.Kind.FUNCTION) {
                return;
            }
            try {
                Value value = plain.ruleValue(rule, Env.root(null, limits));
                computed.put(rule, value == null ? Env.UNDEFINED : value);
            } catch (EvalError | StackOverflowError e) {
                // evaluated per decision instead, where the same error recurs deterministically
            }
        });
        this.constants = Map.copyOf(computed);
        this.shortcuts = true;
    }

    /**
     * The same evaluator with every term evaluated through continuations, the general path: the reference the
     * naive decisions use, so that differential tests check the shortcuts as well as the decision tree.
     */
    public Evaluator withoutShortcuts() {
        return new Evaluator(program, constants, false);
    }

    public Program program() {
        return program;
    }

    /** Receives one value of a term. */
    @FunctionalInterface
    interface Sink {
        void accept(Value value);
    }

    /** Continues with the rest of a body. */
    @FunctionalInterface
    interface Next {
        void run();
    }

    // ---- rules

    /** The value of a non-function rule: memoized per decision, its default when no definition applies. */
    public Value ruleValue(RuleSet rule, Env env) {
        Object constant = env.dataReplacements.isEmpty() ? constants.get(rule) : null;
        if (constant != null) {
            return constant == Env.UNDEFINED ? null : (Value) constant;
        }
        Object known = env.memo(rule);
        if (known != null) {
            return known == Env.UNDEFINED ? null : (Value) known;
        }
        Value value = evaluateRule(rule, rule.definitions(), env, null);
        env.remember(rule, value == null ? Env.UNDEFINED : value);
        return value;
    }

    /**
     * Evaluates the given definitions of a rule (all of them, or the decision tree's candidates) and records the
     * ones that produced a value in {@code fired} when it is not null. Falls back to the rule's default.
     */
    public Value evaluateRule(RuleSet rule, List<RuleDef> definitions, Env env, List<RuleDef> fired) {
        enter(env, rule.pos());
        try {
            Value value = switch (rule.kind()) {
                case SET -> collectSet(rule, definitions, env, fired);
                case OBJECT -> collectObject(rule, definitions, env, fired);
                case COMPLETE, DEFAULT -> collectComplete(rule, definitions, env, fired);
                case FUNCTION -> throw new IllegalStateException("function " + rule + " has no value without args");
            };
            return value != null ? value : rule.defaultValue();
        } finally {
            env.counter.depth--;
        }
    }

    /**
     * The value of a complete rule whose only applicable definition has nothing left to evaluate (the decision tree
     * tested its whole body): {@code true}, counted as one step like {@link #evaluateRule} counts it, without reading
     * the definition.
     */
    // Performance: with ten thousand rules the definition is cold in the cache; this reads only hot objects.
    public Value unconditional(RuleSet rule, RuleDef definition, Env env, List<RuleDef> fired) {
        enter(env, rule.pos());
        try {
            if (env.counter.covered != null) {
                env.counter.covered.add(definition.pos());
            }
            if (++env.counter.steps > env.limits.maxSteps()) {
                throw new EvalError(EvalError.LIMIT, definition.pos(), "evaluation step limit of "
                        + env.limits.maxSteps() + " exceeded");
            }
            if (fired != null) {
                fired.add(definition);
            }
            return Value.Bool.TRUE;
        } finally {
            env.counter.depth--;
        }
    }

    /** Stores a rule value computed elsewhere (by the decision tree) so later references reuse it. */
    public void remember(RuleSet rule, Value value, Env env) {
        env.remember(rule, value == null ? Env.UNDEFINED : value);
    }

    private Value collectComplete(RuleSet rule, List<RuleDef> definitions, Env env, List<RuleDef> fired) {
        if (definitions.size() == 1 && isUnconditionalTrue(definitions.get(0))) {
            // Performance: the common indexed case (every condition taken by the decision tree) must not allocate
            // frames and closures; keep this shortcut when refactoring.
            step(env, definitions.get(0).pos());
            if (fired != null) {
                fired.add(definitions.get(0));
            }
            return Value.Bool.TRUE;
        }
        Value[] result = new Value[1];
        for (RuleDef definition : definitions) {
            Value[] frame = frame(definition);
            if (shortcuts && definition.straight()) {
                // Performance: one solution at most, so no continuations and no allocation beyond the frame.
                Value value = straightBody(definition.body(), frame, env) ? valueOf(definition.value(), frame, env)
                        : null;
                if (value != null) {
                    result[0] = completeValue(rule, definition, result[0], value);
                    if (fired != null) {
                        fired.add(definition);
                    }
                }
                continue;
            }
            boolean[] produced = new boolean[1];
            body(definition.body(), 0, frame, env, () -> value(definition.value(), frame, env, value -> {
                produced[0] = true;
                result[0] = completeValue(rule, definition, result[0], value);
            }));
            if (produced[0] && fired != null) {
                fired.add(definition);
            }
        }
        return result[0];
    }

    private static Value completeValue(RuleSet rule, RuleDef definition, Value previous, Value value) {
        if (previous != null && !previous.equals(value)) {
            throw new EvalError(EvalError.CONFLICT, definition.pos(), "rule \"" + rule.qualifiedName()
                    + "\" produced conflicting values " + render(previous) + " and " + render(value));
        }
        return value;
    }

    private static final Value[] NO_SLOTS = new Value[0];

    private static Value[] frame(RuleDef definition) {
        return definition.frameSize() == 0 ? NO_SLOTS : new Value[definition.frameSize()];
    }

    /**
     * Runs a body of single-valued tests and bindings in a plain loop: true when every literal holds. Each literal
     * counts one step, as in {@link #literal}; bindings stay in the frame, whose slots belong to this definition.
     */
    private boolean straightBody(Body body, Value[] frame, Env env) {
        List<Lit> literals = body.literals();
        for (int i = 0; i < literals.size(); i++) {
            if (!straightLiteral(literals.get(i), frame, env)) {
                return false;
            }
        }
        return true;
    }

    /** One single-valued test or binding; binds its slot and returns true when it holds. */
    private boolean straightLiteral(Lit literal, Value[] frame, Env env) {
        step(env, literal.pos());
        if (literal instanceof Lit.Test test) {
            Value value = single(test.term(), frame, env);
            return value != null && value != Value.Bool.FALSE;
        }
        Lit.Bind bind = (Lit.Bind) literal;
        Value value = single(bind.value(), frame, env);
        if (value == null) {
            return false;
        }
        frame[bind.slot()] = value;
        return true;
    }

    private static boolean isStraight(Lit literal) {
        return literal instanceof Lit.Test test ? test.single() : literal instanceof Lit.Bind bind && bind.single();
    }

    /** A definition's value, evaluated straight: no value term means {@code true}. */
    private Value valueOf(Term term, Value[] frame, Env env) {
        return term == null ? Value.Bool.TRUE : single(term, frame, env);
    }

    private static boolean isUnconditionalTrue(RuleDef definition) {
        return definition.body().literals().isEmpty() && (definition.value() == null
                || definition.value() instanceof Term.Const constant && constant.value() == Value.Bool.TRUE);
    }

    /** The value of a set rule without candidates; values are immutable, so one instance serves every decision. */
    private static final Value.SetV NO_MEMBERS = new Value.SetV(new TreeSet<>(ValueOrder.INSTANCE));
    private static final Value.Obj NO_KEYS = new Value.Obj(new TreeMap<>(ValueOrder.CODE_POINTS));

    private Value collectSet(RuleSet rule, List<RuleDef> definitions, Env env, List<RuleDef> fired) {
        if (definitions.isEmpty()) {
            return NO_MEMBERS;
        }
        TreeSet<Value> members = new TreeSet<>(ValueOrder.INSTANCE);
        for (RuleDef definition : definitions) {
            Value[] frame = frame(definition);
            if (shortcuts && definition.straight()) {
                Value member = straightBody(definition.body(), frame, env) ? single(definition.key(), frame, env)
                        : null;
                if (member != null) {
                    members.add(member);
                    if (fired != null) {
                        fired.add(definition);
                    }
                }
                continue;
            }
            boolean[] produced = new boolean[1];
            body(definition.body(), 0, frame, env, () -> eval(definition.key(), frame, env, member -> {
                produced[0] = true;
                members.add(member);
            }));
            if (produced[0] && fired != null) {
                fired.add(definition);
            }
        }
        return new Value.SetV(members);
    }

    private Value collectObject(RuleSet rule, List<RuleDef> definitions, Env env, List<RuleDef> fired) {
        if (definitions.isEmpty()) {
            return NO_KEYS;
        }
        TreeMap<String, Value> members = new TreeMap<>(ValueOrder.CODE_POINTS);
        for (RuleDef definition : definitions) {
            Value[] frame = frame(definition);
            boolean[] produced = new boolean[1];
            body(definition.body(), 0, frame, env, () -> eval(definition.key(), frame, env, key -> {
                if (!(key instanceof Value.Str text)) {
                    throw typeError(definition.pos(), "object rule \"" + rule.qualifiedName() + "\" needs string "
                            + "keys, given " + key.typeName());
                }
                value(definition.value(), frame, env, value -> {
                    produced[0] = true;
                    Value previous = members.putIfAbsent(text.value(), value);
                    if (previous != null && !previous.equals(value)) {
                        throw new EvalError(EvalError.CONFLICT, definition.pos(), "rule \"" + rule.qualifiedName()
                                + "\" produced conflicting values for key " + render(key));
                    }
                });
            }));
            if (produced[0] && fired != null) {
                fired.add(definition);
            }
        }
        return new Value.Obj(members);
    }

    /** A definition's value; no value term means {@code true}. */
    private void value(Term term, Value[] frame, Env env, Sink sink) {
        if (term == null) {
            sink.accept(Value.Bool.TRUE);
        } else {
            eval(term, frame, env, sink);
        }
    }

    private Value callFunction(RuleSet function, List<Value> args, Env env, Pos pos) {
        enter(env, pos);
        try {
            Value[] result = new Value[1];
            for (RuleDef definition : function.definitions()) {
                Value[] frame = frame(definition);
                for (int i = 0; i < args.size(); i++) {
                    frame[definition.params().get(i)] = args.get(i);
                }
                if (shortcuts && definition.straight()) {
                    Value value = straightBody(definition.body(), frame, env)
                            ? valueOf(definition.value(), frame, env) : null;
                    if (value != null) {
                        if (result[0] != null && !result[0].equals(value)) {
                            throw new EvalError(EvalError.CONFLICT, definition.pos(), "function \""
                                    + function.qualifiedName() + "\" produced conflicting values "
                                    + render(result[0]) + " and " + render(value));
                        }
                        result[0] = value;
                    }
                    continue;
                }
                body(definition.body(), 0, frame, env, () -> value(definition.value(), frame, env, value -> {
                    if (result[0] != null && !result[0].equals(value)) {
                        throw new EvalError(EvalError.CONFLICT, definition.pos(), "function \""
                                + function.qualifiedName() + "\" produced conflicting values " + render(result[0])
                                + " and " + render(value));
                    }
                    result[0] = value;
                }));
            }
            return result[0] != null ? result[0] : function.defaultValue();
        } finally {
            env.counter.depth--;
        }
    }

    private void enter(Env env, Pos pos) {
        if (env.counter.covered != null) {
            env.counter.covered.add(pos);
        }
        if (++env.counter.depth > env.limits.maxDepth()) {
            env.counter.depth--;
            throw new EvalError(EvalError.LIMIT, pos, "evaluation depth limit of " + env.limits.maxDepth()
                    + " exceeded");
        }
    }

    private void step(Env env, Pos pos) {
        if (env.counter.covered != null) {
            env.counter.covered.add(pos);
        }
        if (++env.counter.steps > env.limits.maxSteps()) {
            throw new EvalError(EvalError.LIMIT, pos, "evaluation step limit of " + env.limits.maxSteps()
                    + " exceeded");
        }
    }

    // ---- bodies

    /** Runs {@code next} once per solution of the body's literals from {@code index} on. */
    public void body(Body body, int index, Value[] frame, Env env, Runnable next) {
        body(body.literals(), index, frame, env, next::run);
    }

    private void body(List<Lit> literals, int index, Value[] frame, Env env, Next next) {
        int at = index;
        // Performance: single-valued tests run in a loop and single-valued bindings recurse directly; only the
        // literals that can have several solutions pay for a continuation.
        while (shortcuts && at < literals.size() && isStraight(literals.get(at))) {
            Lit literal = literals.get(at);
            if (literal instanceof Lit.Bind bind) {
                Value previous = frame[bind.slot()];
                if (straightLiteral(bind, frame, env)) {
                    body(literals, at + 1, frame, env, next);
                    frame[bind.slot()] = previous;
                }
                return;
            }
            if (!straightLiteral(literal, frame, env)) {
                return;
            }
            at++;
        }
        if (at == literals.size()) {
            next.run();
            return;
        }
        int following = at + 1;
        literal(literals.get(at), frame, env, () -> body(literals, following, frame, env, next));
    }

    /** Whether a body has at least one solution (evaluating all of them). */
    public boolean holds(Body body, Value[] frame, Env env) {
        boolean[] found = new boolean[1];
        body(body.literals(), 0, frame, env, () -> found[0] = true);
        return found[0];
    }

    /** Whether one literal holds at least once, for explanations. */
    public boolean holds(Lit literal, Value[] frame, Env env) {
        boolean[] found = new boolean[1];
        literal(literal, frame, env, () -> found[0] = true);
        return found[0];
    }

    private void literal(Lit literal, Value[] frame, Env env, Next next) {
        step(env, literal.pos());
        if (literal instanceof Lit.Test test) {
            if (shortcuts && test.single()) {
                Value value = single(test.term(), frame, env);
                if (value != null && value != Value.Bool.FALSE) {
                    next.run();
                }
                return;
            }
            eval(test.term(), frame, env, value -> {
                if (value != Value.Bool.FALSE) {
                    next.run();
                }
            });
        } else if (literal instanceof Lit.Bind bind) {
            eval(bind.value(), frame, env, value -> {
                Value previous = frame[bind.slot()];
                frame[bind.slot()] = value;
                next.run();
                frame[bind.slot()] = previous;
            });
        } else if (literal instanceof Lit.Not not) {
            if (!holds(not.body(), frame, env)) {
                next.run();
            }
        } else if (literal instanceof Lit.SomeIn some) {
            eval(some.collection(), frame, env, collection -> members(collection, some.keySlot(), some.valueSlot(),
                    frame, env, some.pos(), next));
        } else if (literal instanceof Lit.Every every) {
            every(every, frame, env, next);
        } else if (literal instanceof Lit.With with) {
            with(with, frame, env, next);
        } else {
            throw new IllegalStateException("no evaluation for literal " + literal.getClass().getSimpleName());
        }
    }

    private void members(Value collection, int keySlot, int valueSlot, Value[] frame, Env env, Pos pos, Next next) {
        forEachMember(collection, env, pos, (key, member) -> {
            Value previousKey = keySlot >= 0 ? frame[keySlot] : null;
            Value previousValue = frame[valueSlot];
            if (keySlot >= 0) {
                frame[keySlot] = key;
            }
            frame[valueSlot] = member;
            next.run();
            frame[valueSlot] = previousValue;
            if (keySlot >= 0) {
                frame[keySlot] = previousKey;
            }
        });
    }

    @FunctionalInterface
    private interface MemberSink {
        void accept(Value key, Value member);
    }

    /** Visits the members of a collection with their keys; anything else has no members. */
    private void forEachMember(Value collection, Env env, Pos pos, MemberSink sink) {
        if (collection instanceof Value.Arr array) {
            List<Value> items = array.items();
            for (int i = 0; i < items.size(); i++) {
                step(env, pos);
                sink.accept(Value.Num.of(i), items.get(i));
            }
        } else if (collection instanceof Value.Obj object) {
            for (Map.Entry<String, Value> entry : object.members().entrySet()) {
                step(env, pos);
                sink.accept(new Value.Str(entry.getKey()), entry.getValue());
            }
        } else if (collection instanceof Value.SetV set) {
            for (Value member : set.members()) {
                step(env, pos);
                sink.accept(member, member);
            }
        }
    }

    private void every(Lit.Every every, Value[] frame, Env env, Next next) {
        List<Value> collections = new ArrayList<>();
        eval(every.collection(), frame, env, collections::add);
        for (Value collection : collections) {
            if (!isCollection(collection)) {
                continue;
            }
            boolean[] allHold = {true};
            members(collection, every.keySlot(), every.valueSlot(), frame, env, every.pos(), () -> {
                if (!holds(every.body(), frame, env)) {
                    allHold[0] = false;
                }
            });
            if (allHold[0]) {
                next.run();
            }
        }
    }

    private static boolean isCollection(Value value) {
        return value instanceof Value.Arr || value instanceof Value.Obj || value instanceof Value.SetV;
    }

    private void with(Lit.With with, Value[] frame, Env env, Next next) {
        replacements(with.replacements(), 0, env.input, new ArrayList<>(env.dataReplacements), frame, env,
                (input, data) -> {
                    if (env.withDepth + 1 > env.limits.maxDepth()) {
                        throw new EvalError(EvalError.LIMIT, with.pos(), "with nesting limit exceeded");
                    }
                    literal(with.inner(), frame, env.child(input, List.copyOf(data)), next);
                });
    }

    @FunctionalInterface
    private interface ReplacedSink {
        void accept(Value input, List<Env.Replacement> data);
    }

    private void replacements(List<Lit.Replacement> pending, int index, Value input, List<Env.Replacement> data,
            Value[] frame, Env env, ReplacedSink sink) {
        if (index == pending.size()) {
            sink.accept(input, data);
            return;
        }
        Lit.Replacement replacement = pending.get(index);
        eval(replacement.value(), frame, env, value -> {
            if (replacement.input()) {
                replacements(pending, index + 1, Documents.patch(input, replacement.path(), value), data, frame, env,
                        sink);
            } else {
                List<Env.Replacement> more = new ArrayList<>(data);
                more.add(new Env.Replacement(replacement.path(), value));
                replacements(pending, index + 1, input, more, frame, env, sink);
            }
        });
    }

    // ---- terms

    /** Passes each value of the term to the sink; none when it is undefined. */
    void eval(Term term, Value[] frame, Env env, Sink sink) {
        if (term instanceof Term.Const constant) {
            sink.accept(constant.value());
        } else if (term instanceof Term.Local local) {
            Value value = frame[local.slot()];
            if (value != null) {
                sink.accept(value);
            }
        } else if (term instanceof Term.Input) {
            if (env.input != null) {
                sink.accept(env.input);
            }
        } else if (term instanceof Term.Index index) {
            eval(index.base(), frame, env, base -> steps(index, 0, base, frame, env, sink));
        } else if (term instanceof Term.Binary binary) {
            eval(binary.left(), frame, env, left -> eval(binary.right(), frame, env,
                    right -> sink.accept(Operators.apply(binary.op(), left, right, binary.pos()))));
        } else {
            evalOther(term, frame, env, sink);
        }
    }

    private void evalOther(Term term, Value[] frame, Env env, Sink sink) {
        if (term instanceof Term.Data data) {
            acceptIfDefined(dataValue(data, env), sink);
        } else if (term instanceof Term.RuleValue rule) {
            acceptIfDefined(replacedRule(rule.rule(), env), sink);
        } else if (term instanceof Term.PackageValue pkg) {
            acceptIfDefined(packageValue(pkg.path(), env), sink);
        } else if (term instanceof Term.Negate negate) {
            eval(negate.operand(), frame, env, value -> sink.accept(Operators.negate(value, negate.pos())));
        } else if (term instanceof Term.BuiltinCall call) {
            args(call.args(), 0, new Value[call.args().size()], frame, env, args -> sink.accept(builtin(call, args)));
        } else if (term instanceof Term.FunctionCall call) {
            args(call.args(), 0, new Value[call.args().size()], frame, env,
                    args -> acceptIfDefined(callFunction(call.function(), List.of(args), env, call.pos()), sink));
        } else {
            Composites.eval(this, term, frame, env, sink);
        }
    }

    private static Value builtin(Term.BuiltinCall call, Value[] args) {
        try {
            return call.builtin().apply(List.of(args));
        } catch (BuiltinException e) {
            // the message already starts with the builtin's name (see BuiltinException)
            throw new EvalError(EvalError.BUILTIN, call.pos(), e.getMessage());
        } catch (RuntimeException e) {
            // A builtin bug must still fail closed, as an error of this call.
            throw new EvalError(EvalError.BUILTIN, call.pos(), call.builtin().name() + " failed: " + e);
        }
    }

    /**
     * The value of a term that {@link io.gatehouse.compile.Terms#single} accepts, or null when it is undefined. It
     * evaluates in the same order as {@link #eval}, so errors surface alike; comprehensions and composites of
     * single terms go through {@link #eval} with a one-slot sink.
     */
    Value single(Term term, Value[] frame, Env env) {
        if (term instanceof Term.Const constant) {
            return constant.value();
        }
        if (term instanceof Term.Local local) {
            return frame[local.slot()];
        }
        if (term instanceof Term.Index index) {
            if (index.pathSlot() >= 0) {
                return env.path(index.pathSlot(), index.steps());
            }
            Value current = single(index.base(), frame, env);
            List<Term.Step> steps = index.steps();
            for (int i = 0; i < steps.size() && current != null; i++) {
                Value key = single(steps.get(i).key(), frame, env);
                current = key == null ? null : Documents.member(current, key);
            }
            return current;
        }
        if (term instanceof Term.Binary binary) {
            Value left = single(binary.left(), frame, env);
            Value right = left == null ? null : single(binary.right(), frame, env);
            return right == null ? null : Operators.apply(binary.op(), left, right, binary.pos());
        }
        if (term instanceof Term.Input) {
            return env.input;
        }
        if (term instanceof Term.Data data) {
            return dataValue(data, env);
        }
        if (term instanceof Term.RuleValue rule) {
            return replacedRule(rule.rule(), env);
        }
        if (term instanceof Term.BuiltinCall call) {
            Value[] args = singleArgs(call.args(), frame, env);
            return args == null ? null : builtin(call, args);
        }
        if (term instanceof Term.FunctionCall call) {
            Value[] args = singleArgs(call.args(), frame, env);
            return args == null ? null : callFunction(call.function(), List.of(args), env, call.pos());
        }
        if (term instanceof Term.Negate negate) {
            Value operand = single(negate.operand(), frame, env);
            return operand == null ? null : Operators.negate(operand, negate.pos());
        }
        Value[] result = new Value[1];
        eval(term, frame, env, value -> result[0] = value);
        return result[0];
    }

    private Value[] singleArgs(List<Term> terms, Value[] frame, Env env) {
        Value[] values = new Value[terms.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = single(terms.get(i), frame, env);
            if (values[i] == null) {
                return null;
            }
        }
        return values;
    }

    private static void acceptIfDefined(Value value, Sink sink) {
        if (value != null) {
            sink.accept(value);
        }
    }

    @FunctionalInterface
    interface ArgsSink {
        void accept(Value[] args);
    }

    /** Every combination of the terms' values; the array is reused, so the sink must copy what it keeps. */
    void args(List<Term> terms, int index, Value[] values, Value[] frame, Env env, ArgsSink sink) {
        if (index == terms.size()) {
            sink.accept(values.clone());
            return;
        }
        eval(terms.get(index), frame, env, value -> {
            values[index] = value;
            args(terms, index + 1, values, frame, env, sink);
        });
    }

    private void steps(Term.Index index, int at, Value current, Value[] frame, Env env, Sink sink) {
        if (at == index.steps().size()) {
            sink.accept(current);
            return;
        }
        Term.Step step = index.steps().get(at);
        if (step.binds()) {
            forEachMember(current, env, index.pos(), (key, member) -> {
                Value previous = frame[step.bindSlot()];
                frame[step.bindSlot()] = key;
                steps(index, at + 1, member, frame, env, sink);
                frame[step.bindSlot()] = previous;
            });
            return;
        }
        eval(step.key(), frame, env, key -> {
            Value member = Documents.member(current, key);
            if (member != null) {
                steps(index, at + 1, member, frame, env, sink);
            }
        });
    }

    // ---- data and packages

    private Value dataValue(Term.Data data, Env env) {
        if (env.dataReplacements.isEmpty()) {
            return data.value();
        }
        return Documents.replaced(data.path(), data.value(), env.dataReplacements);
    }

    private Value replacedRule(RuleSet rule, Env env) {
        if (env.dataReplacements.isEmpty()) {
            return ruleValue(rule, env);
        }
        List<String> path = new ArrayList<>(List.of(rule.packageName().split("\\.")));
        path.add(rule.name());
        for (Env.Replacement replacement : env.dataReplacements) {
            if (Documents.isPrefix(replacement.path(), path)) {
                return Documents.replaced(path, null, env.dataReplacements);
            }
        }
        return Documents.replaced(path, ruleValue(rule, env), env.dataReplacements);
    }

    /** The object of everything below a path that holds packages: their rules' values merged over base data. */
    public Value packageValue(List<String> path, Env env) {
        Value base = Documents.at(program.data(), path);
        TreeMap<String, Value> members = new TreeMap<>(ValueOrder.CODE_POINTS);
        if (base instanceof Value.Obj object) {
            members.putAll(object.members());
        }
        for (CompiledPackage pkg : program.packages().values()) {
            if (pkg.path().size() < path.size() || !pkg.path().subList(0, path.size()).equals(path)) {
                continue;
            }
            TreeMap<String, Value> rules = new TreeMap<>(ValueOrder.CODE_POINTS);
            for (RuleSet rule : pkg.rules().values()) {
                if (rule.kind() != RuleDecl.Kind.FUNCTION) {
                    Value value = replacedRule(rule, env);
                    if (value != null) {
                        rules.put(rule.name(), value);
                    }
                }
            }
            Documents.mergeInto(members, pkg.path().subList(path.size(), pkg.path().size()), new Value.Obj(rules));
        }
        Value merged = new Value.Obj(members);
        return env.dataReplacements.isEmpty() ? merged : Documents.replaced(path, merged, env.dataReplacements);
    }

    static EvalError typeError(Pos pos, String message) {
        return new EvalError(EvalError.TYPE_ERROR, pos, message);
    }

    /** A value as JSON text, for messages. */
    public static String render(Value value) {
        return Values.toJson(value).toString();
    }
}
