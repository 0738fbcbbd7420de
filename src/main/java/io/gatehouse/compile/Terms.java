package io.gatehouse.compile;

import java.util.ArrayList;
import java.util.List;

/** Static facts about compiled terms that the evaluator uses to pick a faster path. */
public final class Terms {

    private Terms() {
    }

    /**
     * Whether a term has at most one value, whatever the input: nothing in it iterates. Such a term can be
     * evaluated straight to a value (or undefined) instead of through a continuation per solution.
     */
    public static boolean single(Term term) {
        if (term instanceof Term.Const || term instanceof Term.Local || term instanceof Term.Input
                || term instanceof Term.Data || term instanceof Term.RuleValue || term instanceof Term.PackageValue
                || term instanceof Term.Comprehension) {
            return true;
        }
        if (term instanceof Term.Index index) {
            if (!single(index.base())) {
                return false;
            }
            for (Term.Step step : index.steps()) {
                if (step.binds() || !single(step.key())) {
                    return false;
                }
            }
            return true;
        }
        List<Term> operands = operands(term);
        return operands != null && all(operands);
    }

    /**
     * The direct subterms of an operator, a call or a composite literal ({@code [a, b]}, {@code {a, b}},
     * {@code {"k": v}}: keys, then values), whose value depends on nothing else; null for any other term.
     */
    static List<Term> operands(Term term) {
        if (term instanceof Term.Binary binary) {
            return List.of(binary.left(), binary.right());
        }
        if (term instanceof Term.Negate negate) {
            return List.of(negate.operand());
        }
        if (term instanceof Term.BuiltinCall call) {
            return call.args();
        }
        if (term instanceof Term.FunctionCall call) {
            return call.args();
        }
        if (term instanceof Term.ArrayOf array) {
            return array.items();
        }
        if (term instanceof Term.SetOf set) {
            return set.items();
        }
        if (term instanceof Term.ObjectOf object) {
            List<Term> all = new ArrayList<>(object.keys());
            all.addAll(object.values());
            return all;
        }
        return null;
    }

    private static boolean all(List<Term> terms) {
        for (Term term : terms) {
            if (!single(term)) {
                return false;
            }
        }
        return true;
    }
}
