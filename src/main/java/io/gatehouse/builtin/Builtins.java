package io.gatehouse.builtin;

import io.gatehouse.value.Value;
import io.gatehouse.value.ValueOrder;
import io.gatehouse.value.Values;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The registry of builtins by name. The engine's minimal set lives here; the full library registers into the same
 * map.
 */
public final class Builtins {

    private Builtins() {
    }

    /** Every standard builtin, by name. */
    public static Map<String, Builtin> standard() {
        Map<String, Builtin> all = new TreeMap<>();
        for (Builtin builtin : core()) {
            all.put(builtin.name(), builtin);
        }
        return Map.copyOf(all);
    }

    private static List<Builtin> core() {
        return List.of(
                simple("count", 1, args -> Value.Num.of(size(args.get(0)))),
                simple("startswith", 2, args -> Value.Bool.of(text(args, 0).startsWith(text(args, 1)))),
                simple("endswith", 2, args -> Value.Bool.of(text(args, 0).endsWith(text(args, 1)))),
                simple("contains", 2, args -> Value.Bool.of(text(args, 0).contains(text(args, 1)))),
                simple("lower", 1, args -> new Value.Str(text(args, 0).toLowerCase(Locale.ROOT))),
                simple("upper", 1, args -> new Value.Str(text(args, 0).toUpperCase(Locale.ROOT))),
                simple("concat", 2, Builtins::concat),
                simple("sprintf", 2, Builtins::sprintf),
                simple("graph.reachable", 2, Builtins::reachable));
    }

    @FunctionalInterface
    private interface Body {
        Value apply(List<Value> args) throws BuiltinException;
    }

    private static Builtin simple(String name, int arity, Body body) {
        return new Builtin() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int arity() {
                return arity;
            }

            @Override
            public Value apply(List<Value> args) throws BuiltinException {
                return body.apply(args);
            }
        };
    }

    private static long size(Value value) throws BuiltinException {
        return switch (value.kind()) {
            case STRING -> ((Value.Str) value).value().codePointCount(0, ((Value.Str) value).value().length());
            case ARRAY -> ((Value.Arr) value).items().size();
            case OBJECT -> ((Value.Obj) value).members().size();
            case SET -> ((Value.SetV) value).members().size();
            case NULL, BOOLEAN, NUMBER -> throw new BuiltinException("expected a string or a collection, given "
                    + value.typeName());
        };
    }

    private static String text(List<Value> args, int index) throws BuiltinException {
        Value value = args.get(index);
        if (value instanceof Value.Str text) {
            return text.value();
        }
        throw new BuiltinException("argument " + (index + 1) + " must be a string, given " + value.typeName());
    }

    private static Iterable<Value> members(Value value, int index) throws BuiltinException {
        if (value instanceof Value.Arr array) {
            return array.items();
        }
        if (value instanceof Value.SetV set) {
            return set.members();
        }
        throw new BuiltinException("argument " + (index + 1) + " must be an array or a set, given "
                + value.typeName());
    }

    private static Value concat(List<Value> args) throws BuiltinException {
        String delimiter = text(args, 0);
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (Value member : members(args.get(1), 1)) {
            if (!(member instanceof Value.Str text)) {
                throw new BuiltinException("argument 2 must hold strings, given " + member.typeName());
            }
            out.append(first ? "" : delimiter).append(text.value());
            first = false;
        }
        return new Value.Str(out.toString());
    }

    /** {@code %v} and {@code %s} print any value ({@code %s} a string without quotes), {@code %d} a number. */
    private static Value sprintf(List<Value> args) throws BuiltinException {
        String format = text(args, 0);
        if (!(args.get(1) instanceof Value.Arr array)) {
            throw new BuiltinException("argument 2 must be an array, given " + args.get(1).typeName());
        }
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                out.append(c);
                continue;
            }
            char verb = format.charAt(++i);
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (next >= array.items().size()) {
                throw new BuiltinException("format \"" + format + "\" needs more than " + array.items().size()
                        + " values");
            }
            out.append(print(array.items().get(next++)));
        }
        return new Value.Str(out.toString());
    }

    private static String print(Value value) {
        if (value instanceof Value.Str text) {
            return text.value();
        }
        if (value instanceof Value.Num number) {
            return Values.toJson(number).toString();
        }
        return Values.toJson(value).toString();
    }

    /** Nodes reachable from {@code start} (a node or a collection of nodes), the start nodes included. */
    private static Value reachable(List<Value> args) throws BuiltinException {
        if (!(args.get(0) instanceof Value.Obj graph)) {
            throw new BuiltinException("argument 1 must be an object of node to neighbours, given "
                    + args.get(0).typeName());
        }
        TreeSet<Value> seen = new TreeSet<>(ValueOrder.INSTANCE);
        Deque<Value> pending = new ArrayDeque<>();
        Value start = args.get(1);
        if (start instanceof Value.Arr || start instanceof Value.SetV) {
            members(start, 1).forEach(pending::add);
        } else {
            pending.add(start);
        }
        while (!pending.isEmpty()) {
            Value node = pending.poll();
            if (!seen.add(node) || !(node instanceof Value.Str name)) {
                continue;
            }
            Value neighbours = graph.members().get(name.value());
            if (neighbours instanceof Value.Arr || neighbours instanceof Value.SetV) {
                members(neighbours, 0).forEach(pending::add);
            }
        }
        return new Value.SetV(seen);
    }
}
