package io.gatehouse.compile;

import io.gatehouse.ast.Pos;
import java.util.List;

/** A compiled body literal. {@code text} is the literal as written, for explanations. */
public sealed interface Lit permits Lit.Test, Lit.Not, Lit.Bind, Lit.SomeIn, Lit.Every, Lit.With {

    Pos pos();

    String text();

    /**
     * Holds when the term has a value other than {@code false}; each such value is one solution. {@code single} is
     * derived: the term has at most one value (see {@link Terms#single}).
     */
    record Test(Term term, String text, Pos pos, boolean single) implements Lit {
        public Test(Term term, String text, Pos pos) {
            this(term, text, pos, Terms.single(term));
        }
    }

    /** Holds when the inner body has no solution; binds nothing outside. */
    record Not(Body body, String text, Pos pos) implements Lit {
    }

    /** Binds a local slot to each value of the term; {@code single} as for {@link Test}. */
    record Bind(int slot, String name, Term value, String text, Pos pos, boolean single) implements Lit {
        public Bind(int slot, String name, Term value, String text, Pos pos) {
            this(slot, name, value, text, pos, Terms.single(value));
        }
    }

    /** Iterates a collection; {@code keySlot} is -1 in the one-variable form. */
    record SomeIn(int keySlot, int valueSlot, Term collection, String text, Pos pos) implements Lit {
    }

    /**
     * Holds when the collection is defined and the body holds for each member; {@code keySlot} is -1 in the
     * one-variable form.
     */
    record Every(int keySlot, int valueSlot, Term collection, Body body, String text, Pos pos) implements Lit {
    }

    /** Evaluates the inner literal with parts of {@code input} or {@code data} replaced. */
    record With(Lit inner, List<Replacement> replacements, String text, Pos pos) implements Lit {
        public With {
            replacements = List.copyOf(replacements);
        }
    }

    /** {@code with input.a as v} (input true) or {@code with data.x.y as v}. */
    record Replacement(boolean input, List<String> path, Term value) {
        public Replacement {
            path = List.copyOf(path);
        }
    }
}
