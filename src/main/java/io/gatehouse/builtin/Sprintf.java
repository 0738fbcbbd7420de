package io.gatehouse.builtin;

import io.gatehouse.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * Go-like {@code sprintf} over exact values. Verbs: {@code %v} and {@code %s} (canonical text; a string prints
 * raw), {@code %d} (integers), {@code %f} (exact decimals, precision 6 by default, rounded half to even),
 * {@code %x}/{@code %X} (integers in hex, or a string's UTF-8 bytes), {@code %q} (a quoted string), {@code %t}
 * (booleans), {@code %%}. Flags {@code -}, {@code +}, {@code 0}, space; width and precision. Unlike Go, a missing or
 * extra argument, an unknown verb or a value of the wrong type for its verb is an error, never inline text.
 */
final class Sprintf {

    /** Numbers with more integer digits than this, and widths or precisions beyond it, are refused. */
    static final int DIGIT_LIMIT = 1000;

    private Sprintf() {
    }

    /** One piece of a format: literal text, or a verb with its flags, width and precision (-1 when absent). */
    private record Piece(String literal, char verb, String flags, int width, int precision) {
        boolean isVerb() {
            return literal == null;
        }

        boolean has(char flag) {
            return flags.indexOf(flag) >= 0;
        }
    }

    /** Checks a literal format at compile time. */
    static void check(String format) throws BuiltinException {
        parse(format);
    }

    static String format(String format, Collection<Value> args) throws BuiltinException {
        List<Piece> pieces = parse(format);
        long verbs = pieces.stream().filter(Piece::isVerb).count();
        if (verbs != args.size()) {
            throw new BuiltinException("format " + Args.quote(format) + " has " + Args.plural(verbs, "verb")
                    + ", given " + Args.plural(args.size(), "argument"));
        }
        StringBuilder out = new StringBuilder();
        Iterator<Value> next = args.iterator();
        for (Piece piece : pieces) {
            out.append(piece.isVerb() ? pad(piece, render(piece, next.next())) : piece.literal());
        }
        return out.toString();
    }

    private static List<Piece> parse(String format) throws BuiltinException {
        List<Piece> pieces = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int index = 0;
        while (index < format.length()) {
            char c = format.charAt(index++);
            if (c != '%') {
                literal.append(c);
            } else if (index < format.length() && format.charAt(index) == '%') {
                literal.append('%');
                index++;
            } else {
                pieces.add(new Piece(literal.toString(), ' ', "", -1, -1));
                literal.setLength(0);
                index = parseVerb(format, index, pieces);
            }
        }
        pieces.add(new Piece(literal.toString(), ' ', "", -1, -1));
        return pieces;
    }

    /** Parses {@code [flags][width][.precision]verb} from {@code start}; returns the index after the verb. */
    private static int parseVerb(String format, int start, List<Piece> pieces) throws BuiltinException {
        int index = start;
        while (index < format.length() && "-+0 ".indexOf(format.charAt(index)) >= 0) {
            index++;
        }
        String flags = format.substring(start, index);
        int widthStart = index;
        index = skipDigits(format, index);
        int width = digits(format, widthStart, index);
        int precision = -1;
        if (index < format.length() && format.charAt(index) == '.') {
            int precisionStart = ++index;
            index = skipDigits(format, index);
            precision = Math.max(digits(format, precisionStart, index), 0);
        }
        if (index >= format.length() || "vsdfxXqt".indexOf(format.charAt(index)) < 0) {
            String given = index >= format.length() ? "the end of the format" : Args.quote(format.substring(index,
                    index + 1));
            throw new BuiltinException("invalid format " + Args.quote(format) + ": expected a verb (one of "
                    + "%v %s %d %f %x %X %q %t %%) at offset " + index + ", given " + given);
        }
        pieces.add(new Piece(null, format.charAt(index), flags, width, precision));
        return index + 1;
    }

    private static int skipDigits(String format, int index) {
        while (index < format.length() && Character.isDigit(format.charAt(index)) && format.charAt(index) < 128) {
            index++;
        }
        return index;
    }

    private static int digits(String format, int start, int end) throws BuiltinException {
        if (start == end) {
            return -1;
        }
        if (end - start > 4 || Integer.parseInt(format.substring(start, end)) > DIGIT_LIMIT) {
            throw new BuiltinException("invalid format " + Args.quote(format) + ": width and precision must be at "
                    + "most " + DIGIT_LIMIT);
        }
        return Integer.parseInt(format.substring(start, end));
    }

    private static String render(Piece piece, Value value) throws BuiltinException {
        return switch (piece.verb()) {
            case 'v', 's' -> truncated(piece, value instanceof Value.Str text ? text.value()
                    : ValueText.render(value));
            case 'd' -> signed(piece, integer(piece, value).toString());
            case 'f' -> signed(piece, decimal(piece, value));
            case 'x' -> hex(piece, value);
            case 'X' -> hex(piece, value).toUpperCase(java.util.Locale.ROOT);
            case 'q' -> ValueText.quoted(string(piece, value));
            case 't' -> String.valueOf(bool(piece, value));
            default -> throw new IllegalStateException("verb checked by parse: " + piece.verb());
        };
    }

    private static String truncated(Piece piece, String text) {
        if (piece.precision() < 0 || text.codePointCount(0, text.length()) <= piece.precision()) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, piece.precision()));
    }

    private static BigDecimal number(Piece piece, Value value) throws BuiltinException {
        if (value instanceof Value.Num num) {
            BigDecimal number = num.value();
            if (number.precision() - number.scale() > DIGIT_LIMIT) {
                throw new BuiltinException("%" + piece.verb() + " cannot print a number with more than "
                        + DIGIT_LIMIT + " digits");
            }
            return number;
        }
        throw wrongType(piece, "a number", value);
    }

    private static BigInteger integer(Piece piece, Value value) throws BuiltinException {
        BigDecimal number = number(piece, value);
        if (number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
            throw wrongType(piece, "an integer", value);
        }
        return number.toBigInteger();
    }

    private static String decimal(Piece piece, Value value) throws BuiltinException {
        int precision = piece.precision() < 0 ? 6 : piece.precision();
        return number(piece, value).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String hex(Piece piece, Value value) throws BuiltinException {
        if (value instanceof Value.Str text) {
            return HexFormat.of().formatHex(text.value().getBytes(StandardCharsets.UTF_8));
        }
        if (!(value instanceof Value.Num)) {
            throw wrongType(piece, "an integer or a string", value);
        }
        return signed(piece, integer(piece, value).toString(16));
    }

    private static String string(Piece piece, Value value) throws BuiltinException {
        if (value instanceof Value.Str text) {
            return text.value();
        }
        throw wrongType(piece, "a string", value);
    }

    private static boolean bool(Piece piece, Value value) throws BuiltinException {
        if (value instanceof Value.Bool bool) {
            return bool.value();
        }
        throw wrongType(piece, "a boolean", value);
    }

    private static BuiltinException wrongType(Piece piece, String expected, Value given) {
        return new BuiltinException("%" + piece.verb() + " needs " + expected + ", given " + Args.describe(given));
    }

    private static String signed(Piece piece, String digits) {
        if (digits.startsWith("-")) {
            return digits;
        }
        return piece.has('+') ? "+" + digits : piece.has(' ') ? " " + digits : digits;
    }

    /** Pads to the width: spaces on the left, on the right with '-', or zeros after the sign with '0' on numbers. */
    private static String pad(Piece piece, String text) {
        int missing = piece.width() - text.codePointCount(0, text.length());
        if (missing <= 0) {
            return text;
        }
        if (piece.has('-')) {
            return text + " ".repeat(missing);
        }
        if (piece.has('0') && "dfxX".indexOf(piece.verb()) >= 0) {
            int sign = !text.isEmpty() && "+- ".indexOf(text.charAt(0)) >= 0 ? 1 : 0;
            return text.substring(0, sign) + "0".repeat(missing) + text.substring(sign);
        }
        return " ".repeat(missing) + text;
    }
}
