package io.gatehouse.compile;

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
        if (term instanceof Term.Binary binary) {
            return single(binary.left()) && single(binary.right());
        }
        if (term instanceof Term.Negate negate) {
            return single(negate.operand());
        }
        if (term instanceof Term.BuiltinCall call) {
            return all(call.args());
        }
        if (term instanceof Term.FunctionCall call) {
            return all(call.args());
        }
        if (term instanceof Term.ArrayOf array) {
            return all(array.items());
        }
        if (term instanceof Term.SetOf set) {
            return all(set.items());
        }
        if (term instanceof Term.ObjectOf object) {
            return all(object.keys()) && all(object.values());
        }
        return false;
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
