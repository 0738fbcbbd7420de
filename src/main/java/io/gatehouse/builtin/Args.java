package io.gatehouse.builtin;

import io.gatehouse.value.Value;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;

/** Small helpers shared by the builtin families: reading arguments whose kinds are already checked. */
final class Args {

    /** Longest rendering of a given value in an error message; the rest is cut with an ellipsis. */
    private static final int DESCRIBE_LIMIT = 48;

    private Args() {
    }

    static String string(List<Value> args, int index) {
        return ((Value.Str) args.get(index)).value();
    }

    static BigDecimal number(List<Value> args, int index) {
        return ((Value.Num) args.get(index)).value();
    }

    /** The members of an array or a set, in order. */
    static Collection<Value> members(Value collection) {
        if (collection instanceof Value.Arr array) {
            return array.items();
        }
        return ((Value.SetV) collection).members();
    }

    /** An argument that must be a whole number that fits an int. */
    static int integer(List<Value> args, int index) throws BuiltinException {
        return integer(args.get(index), "argument " + (index + 1));
    }

    static int integer(Value value, String what) throws BuiltinException {
        if (value instanceof Value.Num num) {
            try {
                return num.value().intValueExact();
            } catch (ArithmeticException notAnInt) {
                // fall through to the error below
            }
        }
        throw new BuiltinException(what + " must be an integer within 32 bits, given " + describe(value));
    }

    /** A value as error messages show it: its type, then its text, cut short. */
    static String describe(Value value) {
        if (value.kind() == Value.Kind.NULL) {
            return "null";
        }
        return value.typeName() + " " + ValueText.render(value, DESCRIBE_LIMIT);
    }

    /** A string argument quoted for an error message, cut short. */
    static String quote(String text) {
        return ValueText.render(new Value.Str(text), DESCRIBE_LIMIT);
    }

    static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
