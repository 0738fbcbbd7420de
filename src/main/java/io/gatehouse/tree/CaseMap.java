package io.gatehouse.tree;

import io.gatehouse.value.Value;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cases of a {@link TreeNode.Switch}: an immutable open-addressing table from constant to subtree. A lookup
 * compares stored hashes first and calls {@code equals} only on a hash match, so a miss or a collision touches no
 * key object: with ten thousand rules the keys are cold in the cache, and each one touched is a memory access.
 */
final class CaseMap extends AbstractMap<Value, TreeNode> {

    private static final CaseMap EMPTY = new CaseMap(Map.of());

    private final int[] hashes;
    private final Value[] keys;
    private final TreeNode[] nodes;
    private final int mask;
    private final Set<Map.Entry<Value, TreeNode>> entries;

    private CaseMap(Map<Value, TreeNode> cases) {
        int capacity = Integer.highestOneBit(Math.max(1, cases.size()) * 2 - 1) << 1;
        hashes = new int[capacity];
        keys = new Value[capacity];
        nodes = new TreeNode[capacity];
        mask = capacity - 1;
        List<Map.Entry<Value, TreeNode>> list = new ArrayList<>(cases.size());
        // Not Set.copyOf: it would hash every entry, and a record's hash reads its whole subtree.
        for (Map.Entry<Value, TreeNode> entry : cases.entrySet()) {
            int hash = spread(entry.getKey().hashCode());
            int slot = hash & mask;
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            hashes[slot] = hash;
            keys[slot] = entry.getKey();
            nodes[slot] = entry.getValue();
            list.add(new SimpleImmutableEntry<>(entry.getKey(), entry.getValue()));
        }
        entries = new ListSet<>(list);
    }

    static CaseMap of(Map<Value, TreeNode> cases) {
        if (cases instanceof CaseMap already) {
            return already;
        }
        return cases.isEmpty() ? EMPTY : new CaseMap(cases);
    }

    // Performance: one lookup per switch per decision; no allocation, keys touched only on a hash match.
    @Override
    public TreeNode get(Object key) {
        if (!(key instanceof Value value) || keys.length == 0) {
            return null;
        }
        int hash = spread(value.hashCode());
        for (int slot = hash & mask; keys[slot] != null; slot = (slot + 1) & mask) {
            if (hashes[slot] == hash && keys[slot].equals(value)) {
                return nodes[slot];
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Set<Map.Entry<Value, TreeNode>> entrySet() {
        return entries;
    }

    /** An unmodifiable set over a list of distinct elements. */
    private static final class ListSet<E> extends AbstractSet<E> {
        private final List<E> elements;

        ListSet(List<E> elements) {
            this.elements = Collections.unmodifiableList(elements);
        }

        @Override
        public Iterator<E> iterator() {
            return elements.iterator();
        }

        @Override
        public int size() {
            return elements.size();
        }
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}
