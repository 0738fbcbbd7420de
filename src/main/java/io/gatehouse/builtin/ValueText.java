package io.gatehouse.builtin;

import io.gatehouse.value.Value;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * The canonical text of a value, as {@code sprintf("%v")} and error messages print it: policy-literal syntax, JSON for
 * JSON values, with sets as {@code {1, 2}} and the empty set as {@code set()}. Numbers print exactly, without exponent
 * unless they are extreme.
 */
public final class ValueText {

    /** Beyond this many digits of scale a number prints in scientific notation, so printing stays cheap. */
    private static final int PLAIN_SCALE_LIMIT = 1000;

    private ValueText() {
    }

    /** The whole canonical text. */
    public static String render(Value value) {
        return render(value, Integer.MAX_VALUE);
    }

    /** The canonical text cut after about {@code limit} characters with an ellipsis. */
    static String render(Value value, int limit) {
        StringBuilder out = new StringBuilder();
        append(value, out, limit);
        if (out.length() > limit) {
            out.setLength(limit);
            out.append("...");
        }
        return out.toString();
    }

    /** An exact number without exponent, trailing zeros dropped: {@code 1.50} prints as {@code 1.5}. */
    public static String number(BigDecimal number) {
        BigDecimal stripped = number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
        if (Math.abs(stripped.scale()) > PLAIN_SCALE_LIMIT) {
            return stripped.toString();
        }
        return stripped.toPlainString();
    }

    /** A string in double quotes with JSON escapes. */
    public static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        appendQuoted(text, out);
        return out.toString();
    }

    private static void append(Value value, StringBuilder out, int limit) {
        if (out.length() > limit) {
            return;
        }
        switch (value.kind()) {
            case NULL -> out.append("null");
            case BOOLEAN -> out.append(((Value.Bool) value).value());
            case NUMBER -> out.append(number(((Value.Num) value).value()));
            case STRING -> appendQuoted(((Value.Str) value).value(), out);
            case ARRAY -> appendAll(((Value.Arr) value).items().iterator(), '[', ']', out, limit);
            case OBJECT -> appendObject(((Value.Obj) value).members(), out, limit);
            case SET -> appendSet((Value.SetV) value, out, limit);
        }
    }

    private static void appendSet(Value.SetV set, StringBuilder out, int limit) {
        if (set.members().isEmpty()) {
            out.append("set()");
        } else {
            appendAll(set.members().iterator(), '{', '}', out, limit);
        }
    }

    private static void appendAll(Iterator<Value> items, char open, char close, StringBuilder out, int limit) {
        out.append(open);
        while (items.hasNext() && out.length() <= limit) {
            append(items.next(), out, limit);
            if (items.hasNext()) {
                out.append(", ");
            }
        }
        out.append(close);
    }

    private static void appendObject(Map<String, Value> members, StringBuilder out, int limit) {
        out.append('{');
        Iterator<Map.Entry<String, Value>> entries = members.entrySet().iterator();
        while (entries.hasNext() && out.length() <= limit) {
            Map.Entry<String, Value> entry = entries.next();
            appendQuoted(entry.getKey(), out);
            out.append(": ");
            append(entry.getValue(), out, limit);
            if (entries.hasNext()) {
                out.append(", ");
            }
        }
        out.append('}');
    }

    private static void appendQuoted(String text, StringBuilder out) {
        out.append('"');
        for (int index = 0; index < text.length(); index++) {
            char c = text.charAt(index);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> appendPlain(c, out);
            }
        }
        out.append('"');
    }

    private static void appendPlain(char c, StringBuilder out) {
        if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
        } else {
            out.append(c);
        }
    }
}
