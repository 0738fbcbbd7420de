package io.gatehouse.eval;

import io.gatehouse.value.Value;
import io.gatehouse.value.ValueOrder;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Navigation in and patching of documents (input, data and rule values). */
public final class Documents {

    private Documents() {
    }

    /** {@code collection[key]}, or null when undefined: a missing key, an index out of range, a scalar. */
    public static Value member(Value collection, Value key) {
        if (collection instanceof Value.Obj object) {
            return key instanceof Value.Str text ? object.members().get(text.value()) : null;
        }
        if (collection instanceof Value.Arr array) {
            return key instanceof Value.Num number ? item(array, number.value()) : null;
        }
        if (collection instanceof Value.SetV set) {
            return set.members().contains(key) ? key : null;
        }
        return null;
    }

    private static Value item(Value.Arr array, BigDecimal index) {
        int position;
        try {
            position = index.intValueExact();
        } catch (ArithmeticException notAnIndex) {
            return null;
        }
        return position >= 0 && position < array.items().size() ? array.items().get(position) : null;
    }

    /** The value at a path of object keys, or null. */
    public static Value at(Value root, List<String> path) {
        Value current = root;
        for (String key : path) {
            if (!(current instanceof Value.Obj object)) {
                return null;
            }
            current = object.members().get(key);
        }
        return current;
    }

    /** A copy of {@code root} with the value at {@code path} replaced; missing or scalar parents become objects. */
    public static Value patch(Value root, List<String> path, Value value) {
        if (path.isEmpty()) {
            return value;
        }
        TreeMap<String, Value> members = new TreeMap<>(ValueOrder.CODE_POINTS);
        if (root instanceof Value.Obj object) {
            members.putAll(object.members());
        }
        String key = path.get(0);
        members.put(key, patch(members.get(key), path.subList(1, path.size()), value));
        return new Value.Obj(members);
    }

    public static boolean isPrefix(List<String> prefix, List<String> path) {
        return prefix.size() <= path.size() && path.subList(0, prefix.size()).equals(prefix);
    }

    /**
     * The value of the document at {@code path} (whose own value is {@code base}, maybe null) once the
     * {@code with data...} replacements are applied in order.
     */
    static Value replaced(List<String> path, Value base, List<Env.Replacement> replacements) {
        Value current = base;
        for (Env.Replacement replacement : replacements) {
            if (isPrefix(replacement.path(), path)) {
                current = at(replacement.value(), path.subList(replacement.path().size(), path.size()));
            } else if (isPrefix(path, replacement.path())) {
                current = patch(current, replacement.path().subList(path.size(), replacement.path().size()),
                        replacement.value());
            }
        }
        return current;
    }

    /** Puts {@code value} at {@code path} below {@code members}, merging objects that are already there. */
    static void mergeInto(Map<String, Value> members, List<String> path, Value.Obj value) {
        if (path.isEmpty()) {
            value.members().forEach(members::put);
            return;
        }
        Value existing = members.get(path.get(0));
        TreeMap<String, Value> child = new TreeMap<>(ValueOrder.CODE_POINTS);
        if (existing instanceof Value.Obj object) {
            child.putAll(object.members());
        }
        mergeInto(child, path.subList(1, path.size()), value);
        members.put(path.get(0), new Value.Obj(child));
    }
}
