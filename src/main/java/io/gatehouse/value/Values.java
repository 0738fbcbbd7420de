package io.gatehouse.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Construction of values and their conversion from and to JSON. */
public final class Values {

    private static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);

    private Values() {
    }

    public static Value.Str string(String value) {
        return new Value.Str(value);
    }

    public static Value.Num number(BigDecimal value) {
        return new Value.Num(value);
    }

    public static Value.Arr array(List<Value> items) {
        return new Value.Arr(items);
    }

    public static Value.Obj object(Map<String, Value> members) {
        TreeMap<String, Value> sorted = new TreeMap<>(ValueOrder.CODE_POINTS);
        sorted.putAll(members);
        return new Value.Obj(sorted);
    }

    public static Value.SetV set(Iterable<Value> members) {
        TreeSet<Value> sorted = new TreeSet<>(ValueOrder.INSTANCE);
        members.forEach(sorted::add);
        return new Value.SetV(sorted);
    }

    /** Converts parsed JSON into a value; numbers stay exact when the parser kept them as {@link BigDecimal}. */
    public static Value fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Value.Null.INSTANCE;
        }
        if (node.isBoolean()) {
            return Value.Bool.of(node.booleanValue());
        }
        if (node.isNumber()) {
            return new Value.Num(node.isIntegralNumber() ? new BigDecimal(node.bigIntegerValue()) : node.decimalValue());
        }
        if (node.isTextual()) {
            return new Value.Str(node.textValue());
        }
        if (node.isArray()) {
            List<Value> items = new ArrayList<>(node.size());
            node.forEach(item -> items.add(fromJson(item)));
            return new Value.Arr(items);
        }
        if (node.isObject()) {
            TreeMap<String, Value> members = new TreeMap<>(ValueOrder.CODE_POINTS);
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                members.put(field.getKey(), fromJson(field.getValue()));
            }
            return new Value.Obj(members);
        }
        throw new IllegalArgumentException("unsupported JSON node type " + node.getNodeType());
    }

    /** Converts a value to JSON; a set becomes an array of its members in order. */
    public static JsonNode toJson(Value value) {
        return switch (value.kind()) {
            case NULL -> JSON.nullNode();
            case BOOLEAN -> JSON.booleanNode(((Value.Bool) value).value());
            case NUMBER -> numberNode(((Value.Num) value).value());
            case STRING -> JSON.textNode(((Value.Str) value).value());
            case ARRAY -> arrayNode(((Value.Arr) value).items());
            case OBJECT -> objectNode(((Value.Obj) value).members());
            case SET -> arrayNode(((Value.SetV) value).members());
        };
    }

    /** Integers up to this many digits are written out in full; larger magnitudes keep their exponent. */
    private static final int PLAIN_INTEGER_DIGITS = 400;

    /**
     * An integral number is written as an integer, so 1.0 and 1 print alike; but never one with more than
     * {@value #PLAIN_INTEGER_DIGITS} digits, so that nine bytes such as {@code 1e9999999} in an input cannot become
     * ten megabytes in a response or an audit record.
     */
    private static JsonNode numberNode(BigDecimal number) {
        BigDecimal plain = number.stripTrailingZeros();
        if (plain.scale() <= 0 && plain.precision() - plain.scale() <= PLAIN_INTEGER_DIGITS) {
            return JSON.numberNode(plain.toBigIntegerExact());
        }
        return JSON.numberNode(plain);
    }

    private static ArrayNode arrayNode(Iterable<Value> items) {
        ArrayNode array = JSON.arrayNode();
        items.forEach(item -> array.add(toJson(item)));
        return array;
    }

    private static ObjectNode objectNode(Map<String, Value> members) {
        ObjectNode object = JSON.objectNode();
        members.forEach((key, member) -> object.set(key, toJson(member)));
        return object;
    }

    static NavigableMap<String, Value> freeze(NavigableMap<String, Value> members) {
        if (members instanceof FrozenMembers) {
            return members;
        }
        if (members.comparator() != ValueOrder.CODE_POINTS) {
            TreeMap<String, Value> sorted = new TreeMap<>(ValueOrder.CODE_POINTS);
            sorted.putAll(members);
            members = sorted;
        }
        return new FrozenMembers(members);
    }

    static NavigableSet<Value> freeze(NavigableSet<Value> members) {
        if (members.comparator() != ValueOrder.INSTANCE) {
            TreeSet<Value> sorted = new TreeSet<>(ValueOrder.INSTANCE);
            sorted.addAll(members);
            members = sorted;
        }
        return Collections.unmodifiableNavigableSet(members);
    }
}
