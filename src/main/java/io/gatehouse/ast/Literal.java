package io.gatehouse.ast;

import java.util.List;
import java.util.Objects;

/** One conjunct of a rule body. */
public sealed interface Literal
        permits Literal.ExprLit, Literal.Not, Literal.Assign, Literal.Unify, Literal.SomeDecl, Literal.SomeIn,
        Literal.Every {

    Pos pos();

    /** Modifiers written after the literal. */
    default List<With> withs() {
        return List.of();
    }

    /** An expression that must be defined and not {@code false}. */
    record ExprLit(Expr expr, List<With> withs, Pos pos) implements Literal {
        public ExprLit {
            Objects.requireNonNull(expr, "expr");
            withs = List.copyOf(withs);
        }
    }

    /** {@code not expr}: holds when the expression has no true value. */
    record Not(Expr expr, List<With> withs, Pos pos) implements Literal {
        public Not {
            Objects.requireNonNull(expr, "expr");
            withs = List.copyOf(withs);
        }
    }

    /** {@code target := value}: declares local variables (a variable, or an array of variables). */
    record Assign(Expr target, Expr value, List<With> withs, Pos pos) implements Literal {
        public Assign {
            withs = List.copyOf(withs);
        }
    }

    /** {@code left = right}: binds whichever side is an unbound variable, else compares. */
    record Unify(Expr left, Expr right, List<With> withs, Pos pos) implements Literal {
        public Unify {
            withs = List.copyOf(withs);
        }
    }

    /** {@code some x, y}: declares local variables. */
    record SomeDecl(List<String> names, Pos pos) implements Literal {
        public SomeDecl {
            names = List.copyOf(names);
        }
    }

    /** {@code some x in xs} or {@code some k, v in xs}; key is null in the one-variable form. */
    record SomeIn(String key, String value, Expr collection, Pos pos) implements Literal {
    }

    /** {@code every x in xs { body }} or {@code every k, v in xs { body }}; key is null in the one-variable form. */
    record Every(String key, String value, Expr collection, List<Literal> body, Pos pos) implements Literal {
        public Every {
            body = List.copyOf(body);
        }
    }

    /** {@code with target as value}; target is {@code input...} or {@code data...}. */
    record With(Expr.Ref target, Expr value, Pos pos) {
    }
}
