package io.gatehouse.compile;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The local variables of one rule definition while it is compiled. Nested bodies ({@code not}, {@code every},
 * comprehensions) open a layer whose variables vanish when it closes; every variable gets its own frame slot.
 */
final class Scope {

    /** A declared variable; {@code bound} once something has given it a value. */
    static final class Variable {
        final String name;
        final int slot;
        boolean bound;

        Variable(String name, int slot, boolean bound) {
            this.name = name;
            this.slot = slot;
            this.bound = bound;
        }
    }

    private final Deque<Map<String, Variable>> layers = new ArrayDeque<>();
    private int slots;

    Scope() {
        layers.push(new HashMap<>());
    }

    Variable find(String name) {
        for (Map<String, Variable> layer : layers) {
            Variable variable = layer.get(name);
            if (variable != null) {
                return variable;
            }
        }
        return null;
    }

    /** Whether the innermost layer already declares the name. */
    boolean declaredHere(String name) {
        return layers.peek().containsKey(name);
    }

    Variable declare(String name, boolean bound) {
        Variable variable = new Variable(name, slots++, bound);
        if (!"_".equals(name)) {
            layers.peek().put(name, variable);
        }
        return variable;
    }

    void open() {
        layers.push(new HashMap<>());
    }

    void close() {
        layers.pop();
    }

    int frameSize() {
        return slots;
    }
}
