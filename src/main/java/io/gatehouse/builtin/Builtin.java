package io.gatehouse.builtin;

import io.gatehouse.value.Value;
import java.util.List;

/**
 * A function policies can call. Builtins are pure: none reads the clock, the network or the file system, so the
 * same revision and the same input give the same decision on every node.
 */
public interface Builtin {

    /** The name policies call it by, e.g. {@code startswith} or {@code net.cidr_contains}. */
    String name();

    /** How many arguments it takes. */
    int arity();

    /**
     * Applies the builtin. A wrong argument type or a malformed value (a bad regex, a non-canonical CIDR, a timestamp
     * without an offset) is a {@link BuiltinException}, which the evaluator turns into the rule's error.
     */
    Value apply(List<Value> args) throws BuiltinException;

    /**
     * Checks the arguments that are constants in the policy text, at compile time, so that a literal mistake (a
     * malformed CIDR, an invalid regex) is a compile error rather than a deny at run time.
     *
     * @param constants one entry per argument: its value when the argument is a literal, otherwise null
     */
    default void checkConstants(List<Value> constants) throws BuiltinException {
    }
}
