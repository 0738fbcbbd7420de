package io.gatehouse.value;

import java.math.BigDecimal;
import java.util.List;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;

/**
 * A policy value: a JSON value, or a set.
 *
 * <p>Numbers are exact ({@link BigDecimal}), so a 23-digit integer stays itself. Objects and sets keep their
 * members in {@link ValueOrder} so iteration is deterministic on every node. Object keys are strings, as in JSON.
 *
 * <p>invariant: every collection held by a value is unmodifiable.
 */
public sealed interface Value extends Comparable<Value>
        permits Value.Null, Value.Bool, Value.Num, Value.Str, Value.Arr, Value.Obj, Value.SetV {

    /**
     * The kind of this value. Java 17 has no pattern switch, so code that must handle every kind switches over this
     * enum, which the compiler checks for exhaustiveness.
     */
    Kind kind();

    /** The name of this value's type as policies and error messages spell it. */
    default String typeName() {
        return kind().typeName();
    }

    /** Kinds in their rank order for {@link ValueOrder}. */
    enum Kind {
        NULL("null"), BOOLEAN("boolean"), NUMBER("number"), STRING("string"), ARRAY("array"), OBJECT("object"),
        SET("set");

        private final String typeName;

        Kind(String typeName) {
            this.typeName = typeName;
        }

        public String typeName() {
            return typeName;
        }
    }

    @Override
    default int compareTo(Value other) {
        return ValueOrder.INSTANCE.compare(this, other);
    }

    record Null() implements Value {
        public static final Null INSTANCE = new Null();

        @Override
        public Kind kind() {
            return Kind.NULL;
        }
    }

    record Bool(boolean value) implements Value {
        public static final Bool TRUE = new Bool(true);
        public static final Bool FALSE = new Bool(false);

        public static Bool of(boolean value) {
            return value ? TRUE : FALSE;
        }

        @Override
        public Kind kind() {
            return Kind.BOOLEAN;
        }
    }

    /** An exact number; equality ignores scale, so 1 and 1.0 are the same number. */
    record Num(BigDecimal value) implements Value {
        public Num {
            Objects.requireNonNull(value, "value");
        }

        public static Num of(long value) {
            return new Num(BigDecimal.valueOf(value));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Num num && value.compareTo(num.value) == 0;
        }

        @Override
        public int hashCode() {
            return value.stripTrailingZeros().hashCode();
        }

        @Override
        public Kind kind() {
            return Kind.NUMBER;
        }
    }

    record Str(String value) implements Value {
        public Str {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Kind kind() {
            return Kind.STRING;
        }
    }

    record Arr(List<Value> items) implements Value {
        public Arr {
            items = List.copyOf(items);
        }

        @Override
        public Kind kind() {
            return Kind.ARRAY;
        }
    }

    /** An object; keys iterate in Unicode code point order. */
    record Obj(NavigableMap<String, Value> members) implements Value {
        public Obj {
            members = Values.freeze(members);
        }

        @Override
        public Kind kind() {
            return Kind.OBJECT;
        }
    }

    /** A set; members iterate in {@link ValueOrder}. */
    record SetV(NavigableSet<Value> members) implements Value {
        public SetV {
            members = Values.freeze(members);
        }

        @Override
        public Kind kind() {
            return Kind.SET;
        }
    }
}
