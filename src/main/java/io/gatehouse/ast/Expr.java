package io.gatehouse.ast;

import io.gatehouse.value.Value;
import java.util.List;
import java.util.Objects;

/** An expression as written. Names are not resolved yet: that is the checker's job. */
public sealed interface Expr
        permits Expr.Scalar, Expr.Var, Expr.Ref, Expr.Call, Expr.Binary, Expr.Negate, Expr.ArrayLit, Expr.ObjectLit,
        Expr.SetLit, Expr.Comprehension {

    Pos pos();

    /** A literal string, number, boolean or null. */
    record Scalar(Value value, Pos pos) implements Expr {
        public Scalar {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A bare name: a local variable, a rule of the package, an import alias, {@code input} or {@code data}. */
    record Var(String name, Pos pos) implements Expr {
        public Var {
            Objects.requireNonNull(name, "name");
        }
    }

    /** {@code head.a["b"][i]}: a head followed by at least one step; a dot step is a string scalar. */
    record Ref(Expr head, List<Expr> path, Pos pos) implements Expr {
        public Ref {
            Objects.requireNonNull(head, "head");
            path = List.copyOf(path);
        }
    }

    /** {@code f(args)}: a builtin or a function rule, by its dotted name. */
    record Call(String name, List<Expr> args, Pos pos) implements Expr {
        public Call {
            Objects.requireNonNull(name, "name");
            args = List.copyOf(args);
        }
    }

    record Binary(Op op, Expr left, Expr right, Pos pos) implements Expr {
        public Binary {
            Objects.requireNonNull(op, "op");
        }
    }

    record Negate(Expr operand, Pos pos) implements Expr {
    }

    record ArrayLit(List<Expr> items, Pos pos) implements Expr {
        public ArrayLit {
            items = List.copyOf(items);
        }
    }

    record ObjectLit(List<Expr> keys, List<Expr> values, Pos pos) implements Expr {
        public ObjectLit {
            keys = List.copyOf(keys);
            values = List.copyOf(values);
        }
    }

    record SetLit(List<Expr> items, Pos pos) implements Expr {
        public SetLit {
            items = List.copyOf(items);
        }
    }

    /** {@code [head | body]}, {@code {head | body}}, {@code {key: head | body}}; key is null except for objects. */
    record Comprehension(Kind kind, Expr key, Expr head, List<Literal> body, Pos pos) implements Expr {
        public Comprehension {
            body = List.copyOf(body);
        }

        public enum Kind { ARRAY, SET, OBJECT }
    }

    /** Binary operators, with their spelling. */
    enum Op {
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%"),
        UNION("|"), INTERSECT("&"), IN("in");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean isOrdering() {
            return this == LT || this == LE || this == GT || this == GE;
        }

        public boolean isArithmetic() {
            return this == ADD || this == SUB || this == MUL || this == DIV || this == MOD;
        }
    }
}
