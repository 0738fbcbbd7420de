package io.gatehouse.eval;

import io.gatehouse.ast.Expr;
import io.gatehouse.ast.Pos;
import io.gatehouse.builtin.ValueText;
import io.gatehouse.value.Value;
import io.gatehouse.value.ValueOrder;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.TreeSet;

/**
 * The binary and unary operators. Equality is defined between any two values; ordering, arithmetic and set
 * operators need operands of the right types and otherwise fail with a type error, so that {@code null <= 500}
 * is an error and never true.
 */
public final class Operators {

    private Operators() {
    }

    public static Value apply(Expr.Op op, Value left, Value right, Pos pos) {
        return switch (op) {
            case EQ -> Value.Bool.of(left.equals(right));
            case NE -> Value.Bool.of(!left.equals(right));
            case LT -> Value.Bool.of(order(op, left, right, pos) < 0);
            case LE -> Value.Bool.of(order(op, left, right, pos) <= 0);
            case GT -> Value.Bool.of(order(op, left, right, pos) > 0);
            case GE -> Value.Bool.of(order(op, left, right, pos) >= 0);
            case ADD, MUL, DIV, MOD -> new Value.Num(
                    arithmetic(op, number(op, left, pos), number(op, right, pos), pos));
            case SUB -> subtract(left, right, pos);
            case UNION, INTERSECT -> setOperation(op, left, right, pos);
            case IN -> Value.Bool.of(contains(right, left));
        };
    }

    public static Value negate(Value operand, Pos pos) {
        if (!(operand instanceof Value.Num number)) {
            throw Evaluator.typeError(pos, "operator \"-\" needs a number, given " + operand.typeName());
        }
        return new Value.Num(number.value().negate());
    }

    /** Membership: an array item, a set member or an object value; nothing is a member of a scalar. */
    public static boolean contains(Value collection, Value member) {
        if (collection instanceof Value.SetV set) {
            return set.members().contains(member);
        }
        if (collection instanceof Value.Arr array) {
            return array.items().contains(member);
        }
        if (collection instanceof Value.Obj object) {
            return object.members().containsValue(member);
        }
        return false;
    }

    private static int order(Expr.Op op, Value left, Value right, Pos pos) {
        if (left.kind() != right.kind()) {
            throw Evaluator.typeError(pos, "cannot compare " + left.typeName() + " with " + right.typeName()
                    + " using \"" + op.symbol() + "\"");
        }
        return ValueOrder.INSTANCE.compare(left, right);
    }

    /**
     * Digits of scale or precision an arithmetic operand may have: exact arithmetic aligns scales, so adding
     * {@code 1e999999999} and {@code 1} would write out a billion digits. Comparisons need no bound.
     */
    private static final int ARITHMETIC_DIGITS = 10_000;

    private static BigDecimal number(Expr.Op op, Value value, Pos pos) {
        if (value instanceof Value.Num number) {
            BigDecimal operand = number.value();
            if (Math.abs((long) operand.scale()) > ARITHMETIC_DIGITS || operand.precision() > ARITHMETIC_DIGITS) {
                throw Evaluator.typeError(pos, "operator \"" + op.symbol() + "\" needs numbers of at most "
                        + ARITHMETIC_DIGITS + " digits, given " + ValueText.number(operand));
            }
            return operand;
        }
        throw Evaluator.typeError(pos, "operator \"" + op.symbol() + "\" needs numbers, given " + value.typeName());
    }

    private static Value subtract(Value left, Value right, Pos pos) {
        if (left instanceof Value.SetV minuend && right instanceof Value.SetV subtrahend) {
            TreeSet<Value> members = new TreeSet<>(ValueOrder.INSTANCE);
            members.addAll(minuend.members());
            members.removeAll(subtrahend.members());
            return new Value.SetV(members);
        }
        return new Value.Num(arithmetic(Expr.Op.SUB, number(Expr.Op.SUB, left, pos), number(Expr.Op.SUB, right, pos),
                pos));
    }

    /**
     * Exact arithmetic. Division is exact when the quotient has a finite decimal expansion and otherwise rounds to
     * 34 significant digits (IEEE 754 decimal128), the only place a result is not exact.
     */
    static BigDecimal arithmetic(Expr.Op op, BigDecimal left, BigDecimal right, Pos pos) {
        return switch (op) {
            case ADD -> left.add(right);
            case SUB -> left.subtract(right);
            case MUL -> left.multiply(right);
            case DIV -> divide(left, right, pos);
            case MOD -> remainder(left, right, pos);
            default -> throw new IllegalStateException("not arithmetic: " + op);
        };
    }

    private static BigDecimal divide(BigDecimal left, BigDecimal right, Pos pos) {
        if (right.signum() == 0) {
            throw Evaluator.typeError(pos, "division by zero");
        }
        try {
            return left.divide(right);
        } catch (ArithmeticException nonTerminating) {
            return left.divide(right, MathContext.DECIMAL128);
        }
    }

    private static BigDecimal remainder(BigDecimal left, BigDecimal right, Pos pos) {
        if (right.signum() == 0) {
            throw Evaluator.typeError(pos, "modulo by zero");
        }
        if (!isInteger(left) || !isInteger(right)) {
            throw Evaluator.typeError(pos, "operator \"%\" needs integers, given " + ValueText.number(left) + " and "
                    + ValueText.number(right));
        }
        return left.remainder(right);
    }

    private static boolean isInteger(BigDecimal number) {
        return number.signum() == 0 || number.scale() <= 0 || number.stripTrailingZeros().scale() <= 0;
    }

    private static Value setOperation(Expr.Op op, Value left, Value right, Pos pos) {
        if (!(left instanceof Value.SetV leftSet) || !(right instanceof Value.SetV rightSet)) {
            throw Evaluator.typeError(pos, "operator \"" + op.symbol() + "\" needs sets, given " + left.typeName()
                    + " and " + right.typeName());
        }
        TreeSet<Value> members = new TreeSet<>(ValueOrder.INSTANCE);
        members.addAll(leftSet.members());
        if (op == Expr.Op.UNION) {
            members.addAll(rightSet.members());
        } else {
            members.retainAll(rightSet.members());
        }
        return new Value.SetV(members);
    }
}
