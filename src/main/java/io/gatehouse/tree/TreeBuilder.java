package io.gatehouse.tree;

import io.gatehouse.compile.Body;
import io.gatehouse.compile.Guard;
import io.gatehouse.compile.Lit;
import io.gatehouse.compile.RuleDef;
import io.gatehouse.value.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the decision tree of an entrypoint package.
 *
 * <p><b>Why a tree.</b> A policy with ten thousand rules of the shape {@code allow if { input.role == "r17";
 * input.action == "a17" }} would, evaluated rule by rule, test twenty thousand conditions per decision, and its cost
 * would grow with every rule added. Most rule bodies begin with such tests of a fixed input path against constants
 * (the compiler calls them guards and moves them to the front of each body; a guard binds nothing and cannot fail
 * with an error, so testing it earlier changes no outcome). One lookup of {@code input.role} in a hash map from
 * constant to the bodies that accept it replaces all those tests at once, and the cost of a decision then depends on
 * the number of bodies that can match, not on the size of the policy.
 *
 * <p><b>The shape.</b> Each {@link TreeNode.Switch} tests one input path. Bodies that test the path go into the
 * case of every constant they accept (an {@code in} guard puts a body in several cases); bodies that do not test it
 * go into {@code rest}, which applies whatever the value is. A decision follows the matching case and always the
 * rest branch, so no body is copied into every case: the structure stays linear in the number of guards, which is
 * what makes it a DAG-like index rather than a classic decision tree that could grow exponentially. A type test
 * ({@code is_string(input.role)}) is a guard too: a switch also maps each type to the bodies that require it. The
 * path tested at a node is the one most of the node's bodies test (ties broken by path text, so the tree is the
 * same on every node), which splits the bodies fastest. A leaf lists the bodies whose tested guards held; only
 * their remaining literals run, and a guard the tree did not get to test stays in the residual body.
 *
 * <p><b>Why it agrees with the naive evaluator.</b> Candidates are evaluated in definition order, as the naive
 * evaluator does, so conflicts and errors surface in the same sequence; the differential test checks this on random
 * policies and inputs. Other tests (prefixes, ranges) are not lifted: they run in the leaves.
 */
public final class TreeBuilder {

    private int nodes;

    private TreeBuilder() {
    }

    /** Builds the tree over the given entrypoint definitions, in definition order. */
    public static DecisionTree build(String packageName, List<RuleDef> definitions) {
        TreeBuilder builder = new TreeBuilder();
        List<Entry> entries = new ArrayList<>();
        for (RuleDef definition : definitions) {
            entries.add(new Entry(definition, new ArrayList<>(definition.guards()), List.of()));
        }
        TreeNode root = builder.node(entries);
        return new DecisionTree(packageName, root, builder.nodes);
    }

    /** A body on its way down: the guards not yet tested and those the path has tested. */
    private record Entry(RuleDef definition, List<Guard> pending, List<Guard> taken) {
    }

    private TreeNode node(List<Entry> entries) {
        nodes++;
        List<String> path = mostTested(entries);
        if (path == null) {
            return leaf(entries);
        }
        Map<Value, List<Entry>> cases = new LinkedHashMap<>();
        Map<Value.Kind, List<Entry>> kinds = new EnumMap<>(Value.Kind.class);
        List<Entry> rest = new ArrayList<>();
        for (Entry entry : entries) {
            Guard guard = guardOn(entry, path);
            if (guard == null) {
                rest.add(entry);
                continue;
            }
            List<Guard> pending = new ArrayList<>(entry.pending());
            pending.remove(guard);
            List<Guard> taken = new ArrayList<>(entry.taken());
            taken.add(guard);
            Entry next = new Entry(entry.definition(), pending, taken);
            for (Value value : sorted(guard.values())) {
                cases.computeIfAbsent(value, v -> new ArrayList<>()).add(next);
            }
            for (Value.Kind kind : guard.kinds()) {
                kinds.computeIfAbsent(kind, k -> new ArrayList<>()).add(next);
            }
        }
        Map<Value, TreeNode> built = new HashMap<>();
        cases.forEach((value, caseEntries) -> built.put(value, node(caseEntries)));
        Map<Value.Kind, TreeNode> builtKinds = new EnumMap<>(Value.Kind.class);
        kinds.forEach((kind, kindEntries) -> builtKinds.put(kind, node(kindEntries)));
        return new TreeNode.Switch(path, built, builtKinds, rest.isEmpty() ? emptyLeaf() : node(rest));
    }

    /** The entry's first pending constant test on the path, else its first type test on it, else null. */
    private static Guard guardOn(Entry entry, List<String> path) {
        Guard typeTest = null;
        for (Guard guard : entry.pending()) {
            if (!guard.path().equals(path)) {
                continue;
            }
            if (!guard.isTypeTest()) {
                return guard;
            }
            typeTest = typeTest == null ? guard : typeTest;
        }
        return typeTest;
    }

    private TreeNode emptyLeaf() {
        nodes++;
        return TreeNode.Leaf.EMPTY;
    }

    private static List<String> mostTested(List<Entry> entries) {
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, List<String>> paths = new HashMap<>();
        for (Entry entry : entries) {
            Set<String> seen = new HashSet<>();
            for (Guard guard : entry.pending()) {
                String key = String.join("\u0000", guard.path());
                if (seen.add(key)) {
                    counts.merge(key, 1, Integer::sum);
                    paths.put(key, guard.path());
                }
            }
        }
        String best = null;
        for (Map.Entry<String, Integer> count : counts.entrySet()) {
            if (best == null || count.getValue() > counts.get(best)) {
                best = count.getKey();
            }
        }
        return best == null ? null : paths.get(best);
    }

    private static TreeNode leaf(List<Entry> entries) {
        List<TreeNode.Candidate> candidates = new ArrayList<>();
        for (Entry entry : entries) {
            candidates.add(new TreeNode.Candidate(entry.definition(), residual(entry), entry.taken()));
        }
        candidates.sort(Comparator.comparingInt(candidate -> candidate.definition().order()));
        return new TreeNode.Leaf(candidates);
    }

    private static RuleDef residual(Entry entry) {
        Set<Integer> tested = new HashSet<>();
        entry.taken().forEach(guard -> tested.add(guard.literal()));
        List<Lit> remaining = new ArrayList<>();
        List<Lit> literals = entry.definition().body().literals();
        for (int i = 0; i < literals.size(); i++) {
            if (!tested.contains(i)) {
                remaining.add(literals.get(i));
            }
        }
        RuleDef original = entry.definition();
        return new RuleDef(original.rule(), original.order(), original.params(), original.key(), original.value(),
                new Body(remaining), List.of(), original.frameSize(), original.pos(), original.label());
    }

    private static List<Value> sorted(Set<Value> values) {
        List<Value> list = new ArrayList<>(values);
        list.sort(null);
        return list;
    }
}
