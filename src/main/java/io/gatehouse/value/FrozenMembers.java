package io.gatehouse.value;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.SortedMap;

/**
 * The members of an object value: an unmodifiable view of a sorted map, with a faster {@link #get} for small
 * objects. Inputs are mostly objects of a handful of members, and policies read them by key on every decision; a
 * tree map compares the key text at every level, where a scan of the keys compares references first, then cached
 * string hashes, and text only on a hash match.
 */
final class FrozenMembers extends AbstractMap<String, Value> implements NavigableMap<String, Value> {

    /** Above this many members a lookup goes to the tree map. */
    private static final int SCANNED = 12;

    private final NavigableMap<String, Value> view;
    /** Key, value, key, value... in key order, adjacent so a lookup reads one array; null for larger objects. */
    private final Object[] slots;
    /** The keys' hashes, for lookups by a key that is not the same object. */
    private final int[] hashes;

    FrozenMembers(NavigableMap<String, Value> sorted) {
        this.view = Collections.unmodifiableNavigableMap(sorted);
        int size = sorted.size();
        if (size > SCANNED) {
            slots = null;
            hashes = null;
            return;
        }
        slots = new Object[2 * size];
        hashes = new int[size];
        int i = 0;
        for (Map.Entry<String, Value> member : sorted.entrySet()) {
            slots[2 * i] = member.getKey();
            slots[2 * i + 1] = member.getValue();
            hashes[i] = member.getKey().hashCode();
            i++;
        }
    }

    // Performance: the read behind every input path; no allocation. Parsers and the policy compiler intern keys, so
    // the key is usually the same object: the first scan compares references only, the second hashes, then text.
    @Override
    public Value get(Object key) {
        if (slots == null) {
            return view.get(key);
        }
        for (int i = 0; i < slots.length; i += 2) {
            if (slots[i] == key) {
                return (Value) slots[i + 1];
            }
        }
        if (!(key instanceof String text)) {
            return null;
        }
        int hash = text.hashCode();
        for (int i = 0; i < hashes.length; i++) {
            if (hashes[i] == hash && slots[2 * i].equals(text)) {
                return (Value) slots[2 * i + 1];
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        return slots == null ? view.containsKey(key) : get(key) != null;
    }

    @Override
    public int size() {
        return view.size();
    }

    @Override
    public boolean isEmpty() {
        return view.isEmpty();
    }

    @Override
    public Set<Map.Entry<String, Value>> entrySet() {
        return view.entrySet();
    }

    @Override
    public Set<String> keySet() {
        return view.keySet();
    }

    @Override
    public java.util.Collection<Value> values() {
        return view.values();
    }

    @Override
    public Comparator<? super String> comparator() {
        return view.comparator();
    }

    @Override
    public String firstKey() {
        return view.firstKey();
    }

    @Override
    public String lastKey() {
        return view.lastKey();
    }

    @Override
    public Map.Entry<String, Value> lowerEntry(String key) {
        return view.lowerEntry(key);
    }

    @Override
    public String lowerKey(String key) {
        return view.lowerKey(key);
    }

    @Override
    public Map.Entry<String, Value> floorEntry(String key) {
        return view.floorEntry(key);
    }

    @Override
    public String floorKey(String key) {
        return view.floorKey(key);
    }

    @Override
    public Map.Entry<String, Value> ceilingEntry(String key) {
        return view.ceilingEntry(key);
    }

    @Override
    public String ceilingKey(String key) {
        return view.ceilingKey(key);
    }

    @Override
    public Map.Entry<String, Value> higherEntry(String key) {
        return view.higherEntry(key);
    }

    @Override
    public String higherKey(String key) {
        return view.higherKey(key);
    }

    @Override
    public Map.Entry<String, Value> firstEntry() {
        return view.firstEntry();
    }

    @Override
    public Map.Entry<String, Value> lastEntry() {
        return view.lastEntry();
    }

    @Override
    public Map.Entry<String, Value> pollFirstEntry() {
        throw new UnsupportedOperationException("values are immutable");
    }

    @Override
    public Map.Entry<String, Value> pollLastEntry() {
        throw new UnsupportedOperationException("values are immutable");
    }

    @Override
    public NavigableMap<String, Value> descendingMap() {
        return view.descendingMap();
    }

    @Override
    public NavigableSet<String> navigableKeySet() {
        return view.navigableKeySet();
    }

    @Override
    public NavigableSet<String> descendingKeySet() {
        return view.descendingKeySet();
    }

    @Override
    public NavigableMap<String, Value> subMap(String fromKey, boolean fromInclusive, String toKey,
            boolean toInclusive) {
        return view.subMap(fromKey, fromInclusive, toKey, toInclusive);
    }

    @Override
    public NavigableMap<String, Value> headMap(String toKey, boolean inclusive) {
        return view.headMap(toKey, inclusive);
    }

    @Override
    public NavigableMap<String, Value> tailMap(String fromKey, boolean inclusive) {
        return view.tailMap(fromKey, inclusive);
    }

    @Override
    public SortedMap<String, Value> subMap(String fromKey, String toKey) {
        return view.subMap(fromKey, toKey);
    }

    @Override
    public SortedMap<String, Value> headMap(String toKey) {
        return view.headMap(toKey);
    }

    @Override
    public SortedMap<String, Value> tailMap(String fromKey) {
        return view.tailMap(fromKey);
    }
}
