package io.gatehouse.tree;

import io.gatehouse.value.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A chain of switches answered by one lookup. Below some switch, every case may lead to a switch on one same path,
 * and every case of those to a switch on one same next path, and so on down to leaves, with no type branch and no
 * rest branch below the top. A decision that reaches a leaf of such a chain has then matched one constant per path,
 * so a table from that tuple of constants to the leaf gives the same candidates in one probe instead of one lookup
 * per level.
 *
 * <p>Why it matters: with ten thousand rules each level is a separate table of separate objects, cold in the cache,
 * and a query that matches the first levels of a large policy walks all of them; one probe touches a few cache lines
 * whatever the depth. The switches stay in the tree for printing and explanations, which walk them as before.
 */
public final class TupleTable {

    private final List<List<String>> paths;
    private final int width;
    /**
     * The order paths are read in: grouped by parent (the path less its last key), so that paths under one object,
     * such as {@code input.subject.role} and {@code input.subject.team}, read that object once.
     */
    private final int[] readOrder;
    /** Per path: its parent path, its last key, and whether its parent is that of the path read just before it. */
    private final List<List<String>> parents;
    private final String[] lastKeys;
    private final boolean[] parentRead;
    private final int[] hashes;
    /** {@code width} keys per slot, so one tuple's keys are adjacent. */
    private final Value[] keys;
    private final TreeNode.Leaf[] leaves;
    private final int mask;

    private TupleTable(List<List<String>> paths, List<Value[]> tuples, List<TreeNode.Leaf> found) {
        this.paths = List.copyOf(paths);
        this.width = paths.size();
        this.parents = new ArrayList<>(width);
        this.lastKeys = new String[width];
        for (int i = 0; i < width; i++) {
            List<String> path = paths.get(i);
            parents.add(path.subList(0, path.size() - 1));
            lastKeys[i] = path.get(path.size() - 1);
        }
        Integer[] order = new Integer[width];
        for (int i = 0; i < width; i++) {
            order[i] = i;
        }
        // stable: paths with one parent keep their chain order
        Arrays.sort(order, Comparator.comparing(i -> String.join("\u0000", parents.get(i))));
        this.readOrder = new int[width];
        this.parentRead = new boolean[width];
        for (int n = 0; n < width; n++) {
            readOrder[n] = order[n];
            parentRead[n] = n > 0 && parents.get(order[n]).equals(parents.get(order[n - 1]));
        }
        int capacity = Integer.highestOneBit(Math.max(1, tuples.size()) * 2 - 1) << 1;
        hashes = new int[capacity];
        keys = new Value[capacity * width];
        leaves = new TreeNode.Leaf[capacity];
        mask = capacity - 1;
        Map<Value, Value> canonical = new HashMap<>();
        for (int i = 0; i < tuples.size(); i++) {
            Value[] tuple = tuples.get(i);
            int hash = hash(tuple);
            int slot = hash & mask;
            while (leaves[slot] != null) {
                slot = (slot + 1) & mask;
            }
            hashes[slot] = hash;
            for (int k = 0; k < width; k++) {
                keys[slot * width + k] = canonical.computeIfAbsent(tuple[k], TupleTable::compact);
            }
            leaves[slot] = found.get(i);
        }
    }

    /**
     * A copy of a string key whose parts are allocated together, so a comparison reads adjacent memory. Keys are
     * also shared by every tuple that holds them: a path with few constants then keeps its keys hot in the cache.
     */
    private static Value compact(Value key) {
        return key instanceof Value.Str text ? new Value.Str(new String(text.value().toCharArray())) : key;
    }

    /**
     * The table for the chain below {@code top}, or null when there is no chain of at least two levels there.
     * {@code top}'s own rest branch may be anything: it is walked as usual after the lookup.
     */
    static TupleTable of(TreeNode.Switch top) {
        List<List<String>> paths = chain(top, true);
        if (paths == null || paths.size() < 2) {
            return null;
        }
        List<Value[]> tuples = new ArrayList<>();
        List<TreeNode.Leaf> found = new ArrayList<>();
        collect(top, new Value[paths.size()], 0, tuples, found);
        return new TupleTable(paths, tuples, found);
    }

    /** The paths tested from {@code node} down to its leaves, or null when it is not a chain. */
    private static List<List<String>> chain(TreeNode node, boolean top) {
        if (node instanceof TreeNode.Leaf) {
            return List.of();
        }
        if (!(node instanceof TreeNode.Switch test) || !test.kinds().isEmpty() || test.cases().isEmpty()
                || !top && !(test.rest() instanceof TreeNode.Leaf rest && rest.candidates().isEmpty())) {
            return null;
        }
        List<List<String>> below = null;
        for (TreeNode child : test.cases().values()) {
            List<List<String>> paths = chain(child, false);
            if (paths == null || below != null && !below.equals(paths)) {
                return null;
            }
            below = paths;
        }
        List<List<String>> paths = new ArrayList<>(below.size() + 1);
        paths.add(test.path());
        paths.addAll(below);
        return paths;
    }

    private static void collect(TreeNode node, Value[] tuple, int depth, List<Value[]> tuples,
            List<TreeNode.Leaf> found) {
        if (node instanceof TreeNode.Leaf leaf) {
            if (!leaf.candidates().isEmpty()) {
                tuples.add(tuple.clone());
                found.add(leaf);
            }
            return;
        }
        TreeNode.Switch test = (TreeNode.Switch) node;
        test.cases().forEach((value, child) -> {
            tuple[depth] = value;
            collect(child, tuple, depth + 1, tuples, found);
        });
    }

    /** The paths of the chain, top first. */
    List<List<String>> paths() {
        return paths;
    }

    /** How many tuples lead to a leaf with candidates. */
    int size() {
        int size = 0;
        for (TreeNode.Leaf leaf : leaves) {
            size += leaf == null ? 0 : 1;
        }
        return size;
    }

    // Performance: once per chain per decision; reads each path once, allocates one array of the chain's width.
    /** The leaf for the input's values on the chain's paths, or null when a value is undefined or matches none. */
    TreeNode.Leaf find(Value input) {
        Value[] tuple = new Value[width];
        Value parent = null;
        for (int n = 0; n < width; n++) {
            int i = readOrder[n];
            if (!parentRead[n]) {
                parent = DecisionTree.at(input, parents.get(i));
            }
            Value value = parent == null ? null : DecisionTree.member(parent, lastKeys[i]);
            if (value == null) {
                return null;
            }
            tuple[i] = value;
        }
        int hash = hash(tuple);
        for (int slot = hash & mask; leaves[slot] != null; slot = (slot + 1) & mask) {
            if (hashes[slot] == hash && matches(slot, tuple)) {
                return leaves[slot];
            }
        }
        return null;
    }

    private boolean matches(int slot, Value[] tuple) {
        int base = slot * width;
        for (int i = 0; i < width; i++) {
            if (!keys[base + i].equals(tuple[i])) {
                return false;
            }
        }
        return true;
    }

    private static int hash(Value[] tuple) {
        int hash = 1;
        for (Value value : tuple) {
            hash = 31 * hash + value.hashCode();
        }
        return hash ^ (hash >>> 16);
    }
}
