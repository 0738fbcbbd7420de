package io.gatehouse.compile;

import java.util.List;

/** A conjunction of literals, evaluated in order. */
public record Body(List<Lit> literals) {

    public static final Body EMPTY = new Body(List.of());

    public Body {
        literals = List.copyOf(literals);
    }
}
