package io.gatehouse.ast;

import java.util.List;
import java.util.Objects;

/**
 * One definition of a rule. Several definitions of one name mean "or".
 *
 * @param kind which head form was written
 * @param name the rule name
 * @param params function parameters (only for {@link Kind#FUNCTION})
 * @param key the member of a set rule or the key of an object rule, else null
 * @param value the value expression, or null when the head implies {@code true}
 * @param body the literals of the body, empty for an unconditional rule
 * @param hasBody whether an {@code if} was written
 * @param pos where the head starts
 */
public record RuleDecl(
        Kind kind, String name, List<Expr> params, Expr key, Expr value, List<Literal> body, boolean hasBody,
        Pos pos) {

    public RuleDecl {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        params = List.copyOf(params);
        body = List.copyOf(body);
        Objects.requireNonNull(pos, "pos");
    }

    public enum Kind {
        /** {@code default name := value}. */
        DEFAULT,
        /** {@code name if ...}, {@code name := value if ...}, {@code name := value}. */
        COMPLETE,
        /** {@code name contains member if ...}. */
        SET,
        /** {@code name[key] := value if ...}. */
        OBJECT,
        /** {@code name(params) if ...}, {@code name(params) := value if ...}. */
        FUNCTION
    }
}
