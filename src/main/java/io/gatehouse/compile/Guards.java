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
        if (!(literal instanceof Lit.Test test) || !(test.term() instanceof Term.Binary binary)) {
            return null;
        }
        if (binary.op() == Expr.Op.EQ) {
            Guard guard = equality(binary.left(), binary.right(), index, test.text());
            return guard != null ? guard : equality(binary.right(), binary.left(), index, test.text());
        }
        if (binary.op() == Expr.Op.IN && binary.right() instanceof Term.Const constant) {
            List<String> path = inputPath(binary.left());
            Set<Value> members = members(constant.value());
            return path == null || members == null ? null : new Guard(path, members, index, test.text());
        }
        return null;
    }

    private static Guard equality(Term pathSide, Term constantSide, int index, String text) {
        List<String> path = inputPath(pathSide);
        if (path == null || !(constantSide instanceof Term.Const constant)) {
            return null;
        }
        return new Guard(path, Set.of(constant.value()), index, text);
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
