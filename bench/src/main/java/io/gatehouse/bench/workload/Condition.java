package io.gatehouse.bench.workload;

import java.util.List;
import java.util.Objects;

/**
 * One test of a generated rule, in engine-neutral form; every engine adapter renders it in its own language.
 *
 * <p>A path names a field of the query: {@code action}, {@code subject.<field>} or {@code resource.<field>}.
 */
public sealed interface Condition permits Condition.Equals, Condition.Member, Condition.Compare {

    /** The query field the condition tests. */
    Path path();

    /** The field equals a string constant: indexable. */
    record Equals(Path path, String value) implements Condition {
        public Equals {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
        }
    }

    /** The field is one of a set of string constants: indexable. */
    record Member(Path path, List<String> values) implements Condition {
        public Member {
            Objects.requireNonNull(path, "path");
            values = List.copyOf(values);
        }
    }

    /**
     * An ordering comparison of a number field against a constant, or of the difference of two number fields when
     * {@code minus} is set ({@code resource.amount - subject.credit > 100}). Gatehouse lifts the plain form into its
     * decision tree (binary search over the bounds); the difference of two fields no index can lift, in any engine.
     */
    record Compare(Path path, Operator operator, long value, Path minus) implements Condition {
        public Compare {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(operator, "operator");
        }

        public Compare(Path path, Operator operator, long value) {
            this(path, operator, value, null);
        }

        /** The left side in an engine's syntax, each field rendered with {@code prefix} before its dotted path. */
        public String left(String prefix) {
            String field = prefix + path.dotted();
            return minus == null ? field : "(" + field + " - " + prefix + minus.dotted() + ")";
        }
    }

    /** The ordering operators, spelt the same in every language benchmarked. */
    enum Operator {
        GREATER(">"), GREATER_OR_EQUAL(">="), LESS_OR_EQUAL("<=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean test(long left, long right) {
            switch (this) {
                case GREATER:
                    return left > right;
                case GREATER_OR_EQUAL:
                    return left >= right;
                case LESS_OR_EQUAL:
                    return left <= right;
            }
            throw new AssertionError(this);
        }
    }

    /** A field of the query: the action itself, or a field of the subject or of the resource. */
    record Path(Part part, String field) {
        public static final Path ACTION = new Path(Part.ACTION, null);

        public static Path subject(String field) {
            return new Path(Part.SUBJECT, Objects.requireNonNull(field, "field"));
        }

        public static Path resource(String field) {
            return new Path(Part.RESOURCE, Objects.requireNonNull(field, "field"));
        }

        /** {@code action}, {@code subject.role}, ... */
        public String dotted() {
            return field == null ? part.key() : part.key() + "." + field;
        }
    }

    /** The three parts of a query. */
    enum Part {
        ACTION("action"), SUBJECT("subject"), RESOURCE("resource");

        private final String key;

        Part(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }
}
