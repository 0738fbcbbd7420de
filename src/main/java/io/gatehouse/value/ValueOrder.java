package io.gatehouse.value;

import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;

/**
 * The total order used to sort set members and to make iteration deterministic.
 *
 * <p>Values of different types order by type rank (null, boolean, number, string, array, object, set); this order
 * is only for determinism. The policy comparison operators refuse to compare values of different types.
 */
public final class ValueOrder implements Comparator<Value> {

    public static final ValueOrder INSTANCE = new ValueOrder();

    /** Code point order: Java's natural String order compares UTF-16 units, which differs above U+FFFF. */
    public static final Comparator<String> CODE_POINTS = ValueOrder::compareCodePoints;

    private ValueOrder() {
    }

    @Override
    public int compare(Value left, Value right) {
        int byRank = left.kind().compareTo(right.kind());
        if (byRank != 0) {
            return byRank;
        }
        return switch (left.kind()) {
            case NULL -> 0;
            case BOOLEAN -> Boolean.compare(((Value.Bool) left).value(), ((Value.Bool) right).value());
            case NUMBER -> ((Value.Num) left).value().compareTo(((Value.Num) right).value());
            case STRING -> compareCodePoints(((Value.Str) left).value(), ((Value.Str) right).value());
            case ARRAY -> compareSequences(((Value.Arr) left).items().iterator(), ((Value.Arr) right).items().iterator());
            case OBJECT -> compareObjects((Value.Obj) left, (Value.Obj) right);
            case SET -> compareSequences(((Value.SetV) left).members().iterator(),
                    ((Value.SetV) right).members().iterator());
        };
    }

    private int compareSequences(Iterator<Value> left, Iterator<Value> right) {
        while (left.hasNext() && right.hasNext()) {
            int byItem = compare(left.next(), right.next());
            if (byItem != 0) {
                return byItem;
            }
        }
        return Boolean.compare(left.hasNext(), right.hasNext());
    }

    private int compareObjects(Value.Obj left, Value.Obj right) {
        Iterator<Map.Entry<String, Value>> leftEntries = left.members().entrySet().iterator();
        Iterator<Map.Entry<String, Value>> rightEntries = right.members().entrySet().iterator();
        while (leftEntries.hasNext() && rightEntries.hasNext()) {
            Map.Entry<String, Value> leftEntry = leftEntries.next();
            Map.Entry<String, Value> rightEntry = rightEntries.next();
            int byKey = compareCodePoints(leftEntry.getKey(), rightEntry.getKey());
            if (byKey != 0) {
                return byKey;
            }
            int byValue = compare(leftEntry.getValue(), rightEntry.getValue());
            if (byValue != 0) {
                return byValue;
            }
        }
        return Boolean.compare(leftEntries.hasNext(), rightEntries.hasNext());
    }

    /**
     * Code point order without decoding code points. UTF-16 unit order already agrees with code point order except
     * where both differing units are at or above U+D800: surrogates (code points above U+FFFF) must then sort after
     * U+E000..U+FFFF, so both units are shifted before comparing. A string holding an unpaired surrogate (which
     * JSON escapes can produce) still gets a consistent total order: each unit is ranked the same way wherever it
     * stands.
     */
    // Performance: every object key lookup and set insertion runs this; it allocates nothing and decodes nothing.
    static int compareCodePoints(String left, String right) {
        int length = Math.min(left.length(), right.length());
        for (int index = 0; index < length; index++) {
            char leftUnit = left.charAt(index);
            char rightUnit = right.charAt(index);
            if (leftUnit != rightUnit) {
                if (leftUnit >= 0xD800 && rightUnit >= 0xD800) {
                    return Integer.compare(codePointRank(leftUnit), codePointRank(rightUnit));
                }
                return Integer.compare(leftUnit, rightUnit);
            }
        }
        return Integer.compare(left.length(), right.length());
    }

    private static int codePointRank(char unit) {
        return unit >= 0xE000 ? unit - 0x800 : unit + 0x2000;
    }
}
