package io.gatehouse.builtin;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The standard builtin library, documented in {@code docs/builtins.md}. Every builtin is pure: none reads the clock,
 * the network or the file system, so the same revision and input give the same decision on every node.
 */
public final class Builtins {

    private static final Map<String, Builtin> STANDARD = build();

    private Builtins() {
    }

    /** Every standard builtin by name, in name order. */
    public static Map<String, Builtin> standard() {
        return STANDARD;
    }

    private static Map<String, Builtin> build() {
        TreeMap<String, Builtin> byName = new TreeMap<>();
        families().flatMap(List::stream).forEach(builtin -> {
            if (byName.putIfAbsent(builtin.name(), builtin) != null) {
                throw new IllegalStateException("builtin " + builtin.name() + " is defined twice");
            }
        });
        return Collections.unmodifiableMap(byName);
    }

    private static Stream<List<Builtin>> families() {
        return Stream.of(AggregateBuiltins.all(), StringBuiltins.all(), RegexBuiltins.all(), GlobBuiltins.all(),
                NetBuiltins.all(), TimeBuiltins.all(), SemverBuiltins.all(), GraphBuiltins.all(), JwtBuiltins.all(),
                EncodingBuiltins.all());
    }
}
