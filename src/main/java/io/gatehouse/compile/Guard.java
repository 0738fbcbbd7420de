package io.gatehouse.compile;

import io.gatehouse.value.Value;
import java.util.List;
import java.util.Set;

/**
 * An indexable test at the front of a body: the value at a static input path must be one of some constants
 * ({@code input.role == "admin"}, {@code input.action in {"read", "list"}}) or of some type
 * ({@code is_string(input.role)}, {@code type_name(input.role) == "string"}).
 *
 * <p>invariant: evaluating a guard binds nothing and cannot fail with an error, so testing it before the rest of
 * the body, or in a decision tree instead of the body, changes no outcome.
 *
 * @param path the input path, e.g. {@code [role]} for {@code input.role}
 * @param values the accepted constants; empty for a type test
 * @param kinds the accepted types; empty for a constant test
 * @param literal the index of the literal in the body
 * @param text the literal as written
 */
public record Guard(List<String> path, Set<Value> values, Set<Value.Kind> kinds, int literal, String text) {

    public Guard {
        path = List.copyOf(path);
        values = Set.copyOf(values);
        kinds = Set.copyOf(kinds);
    }

    public boolean isTypeTest() {
        return !kinds.isEmpty();
    }
}
