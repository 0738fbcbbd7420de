package io.gatehouse.compile;

import io.gatehouse.value.Value;
import io.gatehouse.ast.Expr;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An indexable test at the front of a body: the value at a static input path must be one of some constants
 * ({@code input.role == "admin"}, {@code input.action in {"read", "list"}}), of some type
 * ({@code is_string(input.role)}, {@code type_name(input.role) == "string"}), or a number on one side of a constant
 * ({@code input.amount > 100}).
 *
 * <p>invariant: evaluating a constant or type guard binds nothing and cannot fail with an error, so testing it
 * before the rest of the body, or in a decision tree instead of the body, changes no outcome. A range guard binds
 * nothing either, but it fails with a type error when the value is defined and not a number; the compiler only
 * marks the range tests that directly follow the other guards, and the decision tree takes them in body order and
 * leaves them in the body whenever the value is not a number (see {@code TreeBuilder}).
 *
 * @param path the input path, e.g. {@code [role]} for {@code input.role}
 * @param values the accepted constants; empty for a type or range test
 * @param kinds the accepted types; empty for a constant or range test
 * @param range the accepted numbers for a range test, else null
 * @param literal the index of the literal in the body
 * @param text the literal as written
 */
public record Guard(List<String> path, Set<Value> values, Set<Value.Kind> kinds, Range range, int literal,
        String text) {

    public Guard {
        path = List.copyOf(path);
        values = Set.copyOf(values);
        kinds = Set.copyOf(kinds);
    }

    public Guard(List<String> path, Set<Value> values, Set<Value.Kind> kinds, int literal, String text) {
        this(path, values, kinds, null, literal, text);
    }

    public boolean isTypeTest() {
        return !kinds.isEmpty();
    }

    public boolean isRange() {
        return range != null;
    }

    /**
     * The numbers {@code value op limit} accepts, with {@code op} one of {@code <}, {@code <=}, {@code >},
     * {@code >=}; numbers compare by value ({@link BigDecimal#compareTo}), as the operators do.
     */
    public record Range(Expr.Op op, BigDecimal limit) {

        public Range {
            if (op != Expr.Op.LT && op != Expr.Op.LE && op != Expr.Op.GT && op != Expr.Op.GE) {
                throw new IllegalArgumentException("not an ordering operator: " + op);
            }
            Objects.requireNonNull(limit, "limit");
        }
    }
}
