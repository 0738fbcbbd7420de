package io.gatehouse.compile;

import io.gatehouse.ast.Expr;
import io.gatehouse.value.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Recognises the literals a decision tree can index: an input path compared with, or a member of, constants. */
final class Guards {

    private Guards() {
    }

    /** The guard this literal is, or null. */
    static Guard of(Lit literal, int index) {
        if (!(literal instanceof Lit.Test test)) {
            return null;
        }
        if (test.term() instanceof Term.BuiltinCall call) {
            return typeTest(call, index, test.text());
        }
        if (!(test.term() instanceof Term.Binary binary)) {
            return null;
        }
        if (binary.op() == Expr.Op.EQ) {
            Guard guard = equality(binary.left(), binary.right(), index, test.text());
            guard = guard != null ? guard : equality(binary.right(), binary.left(), index, test.text());
            guard = guard != null ? guard : typeName(binary.left(), binary.right(), index, test.text());
            return guard != null ? guard : typeName(binary.right(), binary.left(), index, test.text());
        }
        if (binary.op() == Expr.Op.IN && binary.right() instanceof Term.Const constant) {
            List<String> path = inputPath(binary.left());
            Set<Value> members = members(constant.value());
            return path == null || members == null ? null : new Guard(path, members, Set.of(), index, test.text());
        }
        return null;
    }

    /**
     * The range guard this literal is ({@code input.amount > 100}, {@code 100 <= input.amount}), or null. Only for
     * the literals right after the constant and type guards: see {@link Guard} for why.
     */
    static Guard range(Lit literal, int index) {
        if (!(literal instanceof Lit.Test test) || !(test.term() instanceof Term.Binary binary)
                || !ordering(binary.op())) {
            return null;
        }
        List<String> path = inputPath(binary.left());
        if (path != null && binary.right() instanceof Term.Const constant && constant.value() instanceof Value.Num n) {
            return new Guard(path, Set.of(), Set.of(), new Guard.Range(binary.op(), n.value()), index, test.text());
        }
        path = inputPath(binary.right());
        if (path != null && binary.left() instanceof Term.Const constant && constant.value() instanceof Value.Num n) {
            return new Guard(path, Set.of(), Set.of(), new Guard.Range(mirrored(binary.op()), n.value()), index,
                    test.text());
        }
        return null;
    }

    private static boolean ordering(Expr.Op op) {
        return op == Expr.Op.LT || op == Expr.Op.LE || op == Expr.Op.GT || op == Expr.Op.GE;
    }

    /** {@code 100 < x} is {@code x > 100}. */
    private static Expr.Op mirrored(Expr.Op op) {
        return switch (op) {
            case LT -> Expr.Op.GT;
            case LE -> Expr.Op.GE;
            case GT -> Expr.Op.LT;
            case GE -> Expr.Op.LE;
            default -> throw new IllegalStateException("not an ordering operator: " + op);
        };
    }

    private static Guard equality(Term pathSide, Term constantSide, int index, String text) {
        List<String> path = inputPath(pathSide);
        if (path == null || !(constantSide instanceof Term.Const constant)) {
            return null;
        }
        return new Guard(path, Set.of(constant.value()), Set.of(), index, text);
    }

    /** {@code is_string(input.a)}: the builtins {@code is_<type>} take any value and never fail. */
    private static Guard typeTest(Term.BuiltinCall call, int index, String text) {
        Value.Kind kind = kindOf(call.builtin().name(), "is_");
        List<String> path = call.args().size() == 1 ? inputPath(call.args().get(0)) : null;
        return kind == null || path == null ? null : new Guard(path, Set.of(), Set.of(kind), index, text);
    }

    /** {@code type_name(input.a) == "string"}. */
    private static Guard typeName(Term callSide, Term constantSide, int index, String text) {
        if (!(callSide instanceof Term.BuiltinCall call) || !call.builtin().name().equals("type_name")
                || call.args().size() != 1 || !(constantSide instanceof Term.Const constant)
                || !(constant.value() instanceof Value.Str name)) {
            return null;
        }
        Value.Kind kind = kindOf(name.value(), "");
        List<String> path = inputPath(call.args().get(0));
        return kind == null || path == null ? null : new Guard(path, Set.of(), Set.of(kind), index, text);
    }

    private static Value.Kind kindOf(String name, String prefix) {
        for (Value.Kind kind : Value.Kind.values()) {
            if (name.equals(prefix + kind.typeName())) {
                return kind;
            }
        }
        return null;
    }

    /** {@code [a, b]} for {@code input.a.b}; null for anything that is not a static path below input. */
    static List<String> inputPath(Term term) {
        if (!(term instanceof Term.Index index) || !(index.base() instanceof Term.Input)) {
            return null;
        }
        List<String> path = new ArrayList<>();
        for (Term.Step step : index.steps()) {
            if (step.binds() || !(step.key() instanceof Term.Const key) || !(key.value() instanceof Value.Str text)) {
                return null;
            }
            path.add(text.value());
        }
        return path;
    }

    private static Set<Value> members(Value collection) {
        if (collection instanceof Value.SetV set) {
            return new HashSet<>(set.members());
        }
        if (collection instanceof Value.Arr array) {
            return new HashSet<>(array.items());
        }
        if (collection instanceof Value.Obj object) {
            return new HashSet<>(object.members().values());
        }
        return null;
    }
}
