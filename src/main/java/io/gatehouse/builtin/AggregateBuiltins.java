package io.gatehouse.builtin;

import static io.gatehouse.builtin.FunctionBuiltin.of;

import io.gatehouse.value.Value;
import io.gatehouse.value.Value.Kind;
import io.gatehouse.value.Values;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import com.google.re2j.Pattern;

/** Aggregates over collections, collection helpers, numbers and type tests. */
final class AggregateBuiltins {

    /** JSON number syntax; {@code to_number} accepts nothing looser (no '+', no hex, no spaces, no "Inf"). */
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final int NUMBER_TEXT_LIMIT = 1000;
    /** Exponents beyond this are refused, so later arithmetic and printing on the number stay cheap. */
    private static final int SCALE_LIMIT = 1000;
    /** Longest array numbers.range builds; a policy that needs more is doing something a builtin should not. */
    static final int RANGE_LIMIT = 1_000_000;

    private AggregateBuiltins() {
    }

    static List<Builtin> all() {
        List<Builtin> all = new ArrayList<>(List.of(
                of("count", AggregateBuiltins::count, Param.COUNTABLE),
                of("sum", args -> fold(args.get(0), BigDecimal.ZERO, true), Param.ARRAY_OR_SET),
                of("product", args -> fold(args.get(0), BigDecimal.ONE, false), Param.ARRAY_OR_SET),
                of("max", args -> extreme(args.get(0), true), Param.ARRAY_OR_SET),
                of("min", args -> extreme(args.get(0), false), Param.ARRAY_OR_SET),
                of("sort", args -> Values.array(sorted(args.get(0))), Param.ARRAY_OR_SET),
                of("abs", args -> Values.number(Args.number(args, 0).abs()), Param.NUMBER),
                of("round", args -> rounded(args, RoundingMode.HALF_UP), Param.NUMBER),
                of("ceil", args -> rounded(args, RoundingMode.CEILING), Param.NUMBER),
                of("floor", args -> rounded(args, RoundingMode.FLOOR), Param.NUMBER),
                of("numbers.range", args -> range(args, 1), Param.NUMBER, Param.NUMBER),
                of("numbers.range_step", args -> range(args, Args.integer(args, 2)), Param.NUMBER, Param.NUMBER,
                        Param.NUMBER),
                of("to_number", args -> toNumber(args.get(0)), Param.ANY),
                of("type_name", args -> Values.string(args.get(0).typeName()), Param.ANY)));
        all.addAll(CollectionBuiltins.all());
        for (Kind kind : Kind.values()) {
            all.add(of("is_" + kind.typeName(), args -> Value.Bool.of(args.get(0).kind() == kind), Param.ANY));
        }
        return all;
    }

    private static Value count(List<Value> args) {
        Value value = args.get(0);
        long size = switch (value.kind()) {
            case STRING -> {
                String text = ((Value.Str) value).value();
                yield text.codePointCount(0, text.length());
            }
            case ARRAY -> ((Value.Arr) value).items().size();
            case SET -> ((Value.SetV) value).members().size();
            case OBJECT -> ((Value.Obj) value).members().size();
            case NULL, BOOLEAN, NUMBER -> throw new IllegalStateException("kind checked by its parameter");
        };
        return Value.Num.of(size);
    }

    private static Value fold(Value collection, BigDecimal start, boolean add) throws BuiltinException {
        BigDecimal result = start;
        for (Value member : Args.members(collection)) {
            if (!(member instanceof Value.Num num)) {
                throw new BuiltinException("argument 1 must hold only numbers, given " + Args.describe(member));
            }
            // each member too: aligning 1e999999999 with 0 would expand it before the result could be checked
            checkScale(num.value());
            result = add ? result.add(num.value()) : result.multiply(num.value());
            checkScale(result);
        }
        return Values.number(result);
    }

    private static Value extreme(Value collection, boolean max) throws BuiltinException {
        List<Value> sorted = sorted(collection);
        if (sorted.isEmpty()) {
            throw new BuiltinException("argument 1 must not be empty, given " + Args.describe(collection));
        }
        return max ? sorted.get(sorted.size() - 1) : sorted.get(0);
    }

    /** Members in order; ordering values of different types is a type error, as for the comparison operators. */
    static List<Value> sorted(Value collection) throws BuiltinException {
        List<Value> members = new ArrayList<>(Args.members(collection));
        Iterator<Value> iterator = members.iterator();
        Value first = iterator.hasNext() ? iterator.next() : null;
        while (iterator.hasNext()) {
            Value next = iterator.next();
            if (next.kind() != first.kind()) {
                throw new BuiltinException("argument 1 must hold values of one type, given "
                        + Args.describe(first) + " and " + Args.describe(next));
            }
        }
        members.sort(null);
        return members;
    }

    private static Value rounded(List<Value> args, RoundingMode mode) throws BuiltinException {
        checkScale(Args.number(args, 0));
        return Values.number(Args.number(args, 0).setScale(0, mode));
    }

    /**
     * The integers from the first argument to the second, both included, ascending or descending; with a step, every
     * step-th of them, as in OPA.
     */
    private static Value range(List<Value> args, int step) throws BuiltinException {
        int from = Args.integer(args, 0);
        int to = Args.integer(args, 1);
        if (step <= 0) {
            throw new BuiltinException("argument 3 must be a positive step, given number " + step);
        }
        long size = Math.abs((long) to - from) / step + 1;
        if (size > RANGE_LIMIT) {
            throw new BuiltinException("range of " + size + " numbers is too long, expected at most " + RANGE_LIMIT);
        }
        List<Value> numbers = new ArrayList<>((int) size);
        int direction = to >= from ? 1 : -1;
        for (long index = 0; index < size; index++) {
            numbers.add(Value.Num.of(from + direction * index * step));
        }
        return Values.array(numbers);
    }

    private static Value toNumber(Value value) throws BuiltinException {
        return switch (value.kind()) {
            case NULL -> Value.Num.of(0);
            case BOOLEAN -> Value.Num.of(((Value.Bool) value).value() ? 1 : 0);
            case NUMBER -> value;
            case STRING -> Values.number(parseNumber(((Value.Str) value).value()));
            case ARRAY, OBJECT, SET -> throw new BuiltinException(
                    "argument 1 must be a null, a boolean, a number or a string, given " + Args.describe(value));
        };
    }

    private static BigDecimal parseNumber(String text) throws BuiltinException {
        if (text.length() > NUMBER_TEXT_LIMIT || !JSON_NUMBER.matcher(text).matches()) {
            throw new BuiltinException("invalid number " + Args.quote(text) + ", expected json number syntax");
        }
        BigDecimal number = new BigDecimal(text);
        checkScale(number);
        return number;
    }

    private static void checkScale(BigDecimal number) throws BuiltinException {
        if (Math.abs((long) number.scale()) > SCALE_LIMIT || number.precision() > SCALE_LIMIT) {
            throw new BuiltinException("number out of range, expected at most " + SCALE_LIMIT + " digits");
        }
    }

    /** Array, object and set helpers. */
    private static final class CollectionBuiltins {

        static List<Builtin> all() {
            return List.of(
                    of("array.concat", CollectionBuiltins::concat, Param.ARRAY, Param.ARRAY),
                    of("array.slice", CollectionBuiltins::slice, Param.ARRAY, Param.NUMBER, Param.NUMBER),
                    of("array.reverse", CollectionBuiltins::reverse, Param.ARRAY),
                    of("object.get", CollectionBuiltins::get, Param.OBJECT, Param.ANY, Param.ANY),
                    of("object.keys", CollectionBuiltins::keys, Param.OBJECT),
                    of("object.remove", CollectionBuiltins::remove, Param.OBJECT, Param.COLLECTION),
                    of("object.union", args -> merge(args.get(0), args.get(1)), Param.OBJECT, Param.OBJECT),
                    of("union", CollectionBuiltins::union, Param.SET),
                    of("intersection", CollectionBuiltins::intersection, Param.SET));
        }

        private static Value concat(List<Value> args) {
            List<Value> items = new ArrayList<>(((Value.Arr) args.get(0)).items());
            items.addAll(((Value.Arr) args.get(1)).items());
            return Values.array(items);
        }

        /** Indexes are clamped into the array, as in OPA: a start past the stop gives the empty array. */
        private static Value slice(List<Value> args) throws BuiltinException {
            List<Value> items = ((Value.Arr) args.get(0)).items();
            int stop = Math.min(Math.max(Args.integer(args, 2), 0), items.size());
            int start = Math.min(Math.max(Args.integer(args, 1), 0), stop);
            return Values.array(items.subList(start, stop));
        }

        private static Value reverse(List<Value> args) {
            List<Value> items = new ArrayList<>(((Value.Arr) args.get(0)).items());
            java.util.Collections.reverse(items);
            return Values.array(items);
        }

        /** A key that is an array is a path through nested objects and arrays, as in OPA. */
        private static Value get(List<Value> args) {
            Value key = args.get(1);
            Value found = key instanceof Value.Arr path ? walk(args.get(0), path.items()) : member(args.get(0), key);
            return found == null ? args.get(2) : found;
        }

        private static Value walk(Value start, List<Value> path) {
            Value current = start;
            for (Value step : path) {
                current = current == null ? null : member(current, step);
            }
            return current;
        }

        private static Value member(Value container, Value key) {
            if (container instanceof Value.Obj object && key instanceof Value.Str name) {
                return object.members().get(name.value());
            }
            if (container instanceof Value.Arr array && key instanceof Value.Num index) {
                int position = positionOf(index.value(), array.items().size());
                return position < 0 ? null : array.items().get(position);
            }
            return null;
        }

        private static int positionOf(BigDecimal index, int size) {
            try {
                int position = index.intValueExact();
                return position < size ? position : -1;
            } catch (ArithmeticException notAnIndex) {
                return -1;
            }
        }

        private static Value keys(List<Value> args) {
            List<Value> keys = new ArrayList<>();
            ((Value.Obj) args.get(0)).members().keySet().forEach(key -> keys.add(Values.string(key)));
            return Values.set(keys);
        }

        private static Value remove(List<Value> args) {
            Map<String, Value> members = new TreeMap<>(((Value.Obj) args.get(0)).members());
            Value keys = args.get(1);
            Collection<?> removed = keys instanceof Value.Obj object ? object.members().keySet() : Args.members(keys);
            for (Object key : removed) {
                members.remove(key instanceof Value.Str name ? name.value() : key);
            }
            return Values.object(members);
        }

        /** A recursive merge: where both sides hold objects under a key they merge, otherwise the right side wins. */
        private static Value merge(Value left, Value right) {
            if (!(left instanceof Value.Obj leftObject) || !(right instanceof Value.Obj rightObject)) {
                return right;
            }
            Map<String, Value> members = new TreeMap<>(leftObject.members());
            rightObject.members().forEach((key, value) -> members.merge(key, value, CollectionBuiltins::merge));
            return Values.object(members);
        }

        private static Value union(List<Value> args) throws BuiltinException {
            Set<Value> members = new TreeSet<>();
            for (Value set : ((Value.SetV) args.get(0)).members()) {
                members.addAll(innerSet(set));
            }
            return Values.set(members);
        }

        /** The intersection of no sets is the empty set, as in OPA. */
        private static Value intersection(List<Value> args) throws BuiltinException {
            Set<Value> members = null;
            for (Value set : ((Value.SetV) args.get(0)).members()) {
                Set<Value> inner = innerSet(set);
                if (members == null) {
                    members = new HashSet<>(inner);
                } else {
                    members.retainAll(inner);
                }
            }
            return Values.set(members == null ? Set.of() : members);
        }

        private static Set<Value> innerSet(Value member) throws BuiltinException {
            if (member instanceof Value.SetV set) {
                return set.members();
            }
            throw new BuiltinException("argument 1 must be a set of sets, given a member " + Args.describe(member));
        }
    }
}
