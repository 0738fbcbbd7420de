package io.gatehouse.engine;

import io.gatehouse.value.Value;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one decision query.
 *
 * @param allowed true only when {@code allow} is true, {@code deny} is empty and no error occurred
 * @param reasons the deny reasons, sorted; when {@code error} is set, the first reason names it
 * @param obligations what the policy hands back to the caller, an empty object when none
 * @param revision the revision that decided
 * @param error the evaluation error that forced a deny, or null
 * @param privileged whether the query asked for a privileged operation declared in the catalog
 * @param operation the privileged operation's name, or null
 * @param rules the rules that decided (fired), as {@code package.rule} with their source position
 * @param explanation the explanation, or null unless it was asked for
 */
public record Decision(
        boolean allowed,
        List<String> reasons,
        Value.Obj obligations,
        String revision,
        String error,
        boolean privileged,
        String operation,
        List<String> rules,
        Explanation explanation) {

    public Decision {
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(obligations, "obligations");
        Objects.requireNonNull(revision, "revision");
        rules = List.copyOf(rules);
    }
}
