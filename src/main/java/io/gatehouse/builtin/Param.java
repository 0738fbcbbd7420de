package io.gatehouse.builtin;

import io.gatehouse.value.Value;
import io.gatehouse.value.Value.Kind;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What one argument of a builtin must be: one of a few kinds, and optionally a check of a literal value that runs at
 * compile time (a regex that compiles, a canonical CIDR), so that a mistake in the policy text is a compile error.
 *
 * @param expected how error messages name the expectation, e.g. "a string"
 * @param kinds the kinds accepted
 * @param constantCheck the compile-time check of a literal argument, or null when there is none
 */
record Param(String expected, Set<Kind> kinds, ConstantCheck constantCheck) {

    /** Validates a literal argument whose kind is already accepted. */
    @FunctionalInterface
    interface ConstantCheck {
        void check(Value constant) throws BuiltinException;
    }

    static final Param ANY = new Param("any value", EnumSet.allOf(Kind.class), null);
    static final Param STRING = of("a string", Kind.STRING);
    static final Param NUMBER = of("a number", Kind.NUMBER);
    static final Param BOOLEAN = of("a boolean", Kind.BOOLEAN);
    static final Param ARRAY = of("an array", Kind.ARRAY);
    static final Param OBJECT = of("an object", Kind.OBJECT);
    static final Param SET = of("a set", Kind.SET);
    static final Param ARRAY_OR_SET = of("an array or a set", Kind.ARRAY, Kind.SET);
    static final Param COLLECTION = of("an array, a set or an object", Kind.ARRAY, Kind.SET, Kind.OBJECT);
    static final Param COUNTABLE = of("a string, an array, a set or an object", Kind.STRING, Kind.ARRAY, Kind.SET,
            Kind.OBJECT);
    /** A point in time: nanoseconds since the epoch, or an RFC 3339 text. */
    static final Param TIME = of("a number of nanoseconds or an rfc 3339 string", Kind.NUMBER, Kind.STRING);

    Param {
        Objects.requireNonNull(expected, "expected");
        kinds = Set.copyOf(kinds);
    }

    private static Param of(String expected, Kind first, Kind... rest) {
        return new Param(expected, EnumSet.of(first, rest), null);
    }

    /** The same expectation, with a compile-time check of literal arguments. */
    Param checkedBy(ConstantCheck check) {
        return new Param(expected, kinds, Objects.requireNonNull(check, "check"));
    }

    boolean accepts(Value value) {
        return kinds.contains(value.kind());
    }
}
