package io.gatehouse.builtin;

import static io.gatehouse.builtin.FunctionBuiltin.of;

import io.gatehouse.value.Value;
import io.gatehouse.value.Values;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * String functions. Positions and lengths count Unicode code points, not UTF-16 units, and case mapping ignores the
 * host locale ({@link Locale#ROOT}), so a Turkish host lowers "TITLE" to "title".
 */
final class StringBuiltins {

    private StringBuiltins() {
    }

    static List<Builtin> all() {
        return List.of(
                of("concat", StringBuiltins::concat, Param.STRING, Param.ARRAY_OR_SET),
                of("contains", args -> bool(Args.string(args, 0).contains(Args.string(args, 1))),
                        Param.STRING, Param.STRING),
                of("startswith", args -> bool(Args.string(args, 0).startsWith(Args.string(args, 1))),
                        Param.STRING, Param.STRING),
                of("endswith", args -> bool(Args.string(args, 0).endsWith(Args.string(args, 1))),
                        Param.STRING, Param.STRING),
                of("lower", args -> Values.string(Args.string(args, 0).toLowerCase(Locale.ROOT)), Param.STRING),
                of("upper", args -> Values.string(Args.string(args, 0).toUpperCase(Locale.ROOT)), Param.STRING),
                of("split", StringBuiltins::split, Param.STRING, Param.STRING),
                of("trim", args -> trimmed(args, true, true), Param.STRING, Param.STRING),
                of("trim_left", args -> trimmed(args, true, false), Param.STRING, Param.STRING),
                of("trim_right", args -> trimmed(args, false, true), Param.STRING, Param.STRING),
                of("trim_space", args -> Values.string(trim(Args.string(args, 0), StringBuiltins::isSpace,
                        true, true)), Param.STRING),
                of("trim_prefix", StringBuiltins::trimPrefix, Param.STRING, Param.STRING),
                of("trim_suffix", StringBuiltins::trimSuffix, Param.STRING, Param.STRING),
                of("replace", StringBuiltins::replace, Param.STRING, Param.STRING, Param.STRING),
                of("substring", StringBuiltins::substring, Param.STRING, Param.NUMBER, Param.NUMBER),
                of("indexof", StringBuiltins::indexOf, Param.STRING, Param.STRING),
                of("strings.reverse", StringBuiltins::reverse, Param.STRING),
                of("format_int", StringBuiltins::formatInt, Param.NUMBER, Param.NUMBER),
                of("sprintf", args -> Values.string(Sprintf.format(Args.string(args, 0), Args.members(args.get(1)))),
                        Param.STRING.checkedBy(format -> Sprintf.check(((Value.Str) format).value())), Param.ARRAY));
    }

    private static Value bool(boolean value) {
        return Value.Bool.of(value);
    }

    private static Value concat(List<Value> args) throws BuiltinException {
        StringBuilder out = new StringBuilder();
        String delimiter = Args.string(args, 0);
        for (Value member : Args.members(args.get(1))) {
            if (!(member instanceof Value.Str text)) {
                throw new BuiltinException("argument 2 must hold only strings, given " + Args.describe(member));
            }
            out.append(out.isEmpty() ? "" : delimiter).append(text.value());
        }
        return Values.string(out.toString());
    }

    /** Splits at every delimiter; the empty delimiter splits into code points, as in OPA. */
    private static Value split(List<Value> args) {
        String text = Args.string(args, 0);
        String delimiter = Args.string(args, 1);
        List<Value> parts = new ArrayList<>();
        if (delimiter.isEmpty()) {
            text.codePoints().forEach(point -> parts.add(Values.string(Character.toString(point))));
            return Values.array(parts);
        }
        int start = 0;
        for (int at = text.indexOf(delimiter); at >= 0; at = text.indexOf(delimiter, start)) {
            parts.add(Values.string(text.substring(start, at)));
            start = at + delimiter.length();
        }
        parts.add(Values.string(text.substring(start)));
        return Values.array(parts);
    }

    private static Value trimmed(List<Value> args, boolean left, boolean right) {
        String cutset = Args.string(args, 1);
        return Values.string(trim(Args.string(args, 0), point -> cutset.indexOf(point) >= 0, left, right));
    }

    private static String trim(String text, IntPredicate cut, boolean left, boolean right) {
        int start = 0;
        int end = text.length();
        while (left && start < end && cut.test(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (right && end > start && cut.test(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    /** White space as Go's unicode.IsSpace defines it, which OPA's trim_space uses. */
    private static boolean isSpace(int point) {
        return Character.isSpaceChar(point) || point == '\t' || point == '\n' || point == 0x0B || point == '\f'
                || point == '\r' || point == 0x85;
    }

    private static Value trimPrefix(List<Value> args) {
        String text = Args.string(args, 0);
        String prefix = Args.string(args, 1);
        return Values.string(text.startsWith(prefix) ? text.substring(prefix.length()) : text);
    }

    private static Value trimSuffix(List<Value> args) {
        String text = Args.string(args, 0);
        String suffix = Args.string(args, 1);
        return Values.string(text.endsWith(suffix) ? text.substring(0, text.length() - suffix.length()) : text);
    }

    /** Replaces every occurrence; an empty {@code old} inserts {@code new} around every code point, as Go does. */
    private static Value replace(List<Value> args) {
        String text = Args.string(args, 0);
        String old = Args.string(args, 1);
        String replacement = Args.string(args, 2);
        if (!old.isEmpty()) {
            return Values.string(text.replace(old, replacement));
        }
        StringBuilder out = new StringBuilder(replacement);
        text.codePoints().forEach(point -> out.appendCodePoint(point).append(replacement));
        return Values.string(out.toString());
    }

    /** {@code substring(s, start, length)}; a negative length means to the end; a start past the end gives "". */
    private static Value substring(List<Value> args) throws BuiltinException {
        String text = Args.string(args, 0);
        int start = Args.integer(args, 1);
        int length = Args.integer(args, 2);
        if (start < 0) {
            throw new BuiltinException("argument 2 must not be negative, given number " + start);
        }
        int points = text.codePointCount(0, text.length());
        if (start >= points) {
            return Values.string("");
        }
        int end = length < 0 || (long) start + length > points ? points : start + length;
        return Values.string(text.substring(text.offsetByCodePoints(0, start), text.offsetByCodePoints(0, end)));
    }

    private static Value indexOf(List<Value> args) {
        String text = Args.string(args, 0);
        int at = text.indexOf(Args.string(args, 1));
        return Value.Num.of(at < 0 ? -1 : text.codePointCount(0, at));
    }

    private static Value reverse(List<Value> args) {
        int[] points = Args.string(args, 0).codePoints().toArray();
        StringBuilder out = new StringBuilder();
        for (int index = points.length - 1; index >= 0; index--) {
            out.appendCodePoint(points[index]);
        }
        return Values.string(out.toString());
    }

    /** The number truncated toward zero, in base 2, 8, 10 or 16 (lowercase digits). */
    private static Value formatInt(List<Value> args) throws BuiltinException {
        int base = Args.integer(args, 1);
        if (base != 2 && base != 8 && base != 10 && base != 16) {
            throw new BuiltinException("argument 2 must be one of 2, 8, 10 or 16, given number " + base);
        }
        BigDecimal number = Args.number(args, 0);
        if (number.precision() - number.scale() > Sprintf.DIGIT_LIMIT) {
            throw new BuiltinException("argument 1 is too large to format, given " + Args.describe(args.get(0)));
        }
        BigInteger whole = number.setScale(0, RoundingMode.DOWN).toBigIntegerExact();
        return Values.string(whole.toString(base));
    }
}
