package io.gatehouse.ast;

import io.gatehouse.value.Value;
import io.gatehouse.value.Values;
import java.util.List;
import java.util.stream.Collectors;

/** Prints expressions and literals in canonical source form, for explanations, trees and messages. */
public final class AstPrinter {

    private AstPrinter() {
    }

    public static String literal(Literal literal) {
        String text;
        if (literal instanceof Literal.ExprLit plain) {
            text = expr(plain.expr());
        } else if (literal instanceof Literal.Not not) {
            text = "not " + expr(not.expr());
        } else if (literal instanceof Literal.Assign assign) {
            text = expr(assign.target()) + " := " + expr(assign.value());
        } else if (literal instanceof Literal.Unify unify) {
            text = expr(unify.left()) + " = " + expr(unify.right());
        } else if (literal instanceof Literal.SomeDecl some) {
            text = "some " + String.join(", ", some.names());
        } else if (literal instanceof Literal.SomeIn some) {
            text = "some " + (some.key() == null ? "" : some.key() + ", ") + some.value() + " in "
                    + expr(some.collection());
        } else if (literal instanceof Literal.Every every) {
            text = "every " + (every.key() == null ? "" : every.key() + ", ") + every.value() + " in "
                    + expr(every.collection()) + " { " + body(every.body()) + " }";
        } else {
            throw new IllegalStateException("no printing for " + literal.getClass().getSimpleName());
        }
        for (Literal.With with : literal.withs()) {
            text += " with " + expr(with.target()) + " as " + expr(with.value());
        }
        return text;
    }

    public static String body(List<Literal> body) {
        return body.stream().map(AstPrinter::literal).collect(Collectors.joining("; "));
    }

    public static String expr(Expr expr) {
        if (expr instanceof Expr.Scalar scalar) {
            return scalar(scalar.value());
        }
        if (expr instanceof Expr.Var var) {
            return var.name();
        }
        if (expr instanceof Expr.Ref ref) {
            return ref(ref);
        }
        if (expr instanceof Expr.Call call) {
            return call.name() + "(" + list(call.args()) + ")";
        }
        if (expr instanceof Expr.Binary binary) {
            return operand(binary.left()) + " " + binary.op().symbol() + " " + operand(binary.right());
        }
        if (expr instanceof Expr.Negate negate) {
            return "-" + operand(negate.operand());
        }
        return composite(expr);
    }

    private static String composite(Expr expr) {
        if (expr instanceof Expr.ArrayLit array) {
            return "[" + list(array.items()) + "]";
        }
        if (expr instanceof Expr.SetLit set) {
            return set.items().isEmpty() ? "set()" : "{" + list(set.items()) + "}";
        }
        if (expr instanceof Expr.ObjectLit object) {
            StringBuilder out = new StringBuilder("{");
            for (int i = 0; i < object.keys().size(); i++) {
                out.append(i == 0 ? "" : ", ").append(expr(object.keys().get(i))).append(": ")
                        .append(expr(object.values().get(i)));
            }
            return out.append('}').toString();
        }
        if (expr instanceof Expr.Comprehension comprehension) {
            String head = comprehension.key() == null ? expr(comprehension.head())
                    : expr(comprehension.key()) + ": " + expr(comprehension.head());
            String inner = head + " | " + body(comprehension.body());
            return comprehension.kind() == Expr.Comprehension.Kind.ARRAY ? "[" + inner + "]" : "{" + inner + "}";
        }
        throw new IllegalStateException("no printing for " + expr.getClass().getSimpleName());
    }

    private static String operand(Expr expr) {
        return expr instanceof Expr.Binary ? "(" + expr(expr) + ")" : expr(expr);
    }

    private static String ref(Expr.Ref ref) {
        StringBuilder out = new StringBuilder(expr(ref.head()));
        for (Expr step : ref.path()) {
            if (step instanceof Expr.Scalar scalar && scalar.value() instanceof Value.Str text
                    && text.value().matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                out.append('.').append(text.value());
            } else {
                out.append('[').append(expr(step)).append(']');
            }
        }
        return out.toString();
    }

    private static String list(List<Expr> items) {
        return items.stream().map(AstPrinter::expr).collect(Collectors.joining(", "));
    }

    public static String scalar(Value value) {
        return Values.toJson(value).toString();
    }
}
