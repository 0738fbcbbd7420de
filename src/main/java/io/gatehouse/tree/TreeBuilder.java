package io.gatehouse.tree;

import io.gatehouse.compile.Body;
import io.gatehouse.compile.Guard;
import io.gatehouse.compile.Lit;
import io.gatehouse.compile.RuleDef;
import io.gatehouse.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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
 * policies and inputs.
 *
 * <p><b>Ranges.</b> Number comparisons with a constant ({@code input.amount > 100; input.amount <= 200}) are lifted
 * too, into a {@link TreeNode.Ranges} node: the bounds of every body's interval, sorted, cut the numbers into
 * regions, each listing the bodies whose interval covers it, and a binary search finds the region of the input's
 * number. Unlike a constant guard, a comparison fails with a type error when the value is not a number, and the
 * naive evaluator meets that error only if every earlier literal held. So the tree keeps body order: it takes an
 * entry's range guards only from the first pending one, a run of consecutive ones on the same path at a time; a
 * value that is not a number sends the entry to a branch where its remaining range tests all stay in the body and
 * run as written; an undefined value makes the comparison undefined, which no body survives. Prefix tests are not
 * lifted: they run in the leaves.
 */
public final class TreeBuilder {

    private int nodes;
    /** One list per input path tested, shared by every node that tests it, so lookups read one hot object. */
    private final Map<List<String>, List<String>> paths = new HashMap<>();

    private TreeBuilder() {
    }

    /** Builds the tree over the given entrypoint definitions, in definition order. */
    public static DecisionTree build(String packageName, List<RuleDef> definitions) {
        TreeBuilder builder = new TreeBuilder();
        List<Entry> entries = new ArrayList<>();
        for (RuleDef definition : definitions) {
            entries.add(new Entry(definition, new ArrayList<>(definition.guards()), List.of()));
        }
        TreeNode root = withChains(builder.node(entries), new IdentityHashMap<>());
        return new DecisionTree(packageName, root, builder.nodes);
    }

    /**
     * The tree with a {@link TupleTable} on the top switch of every chain. Nodes are rebuilt top down, once each
     * (ranges regions share subtrees), and the switches inside a chain are kept as they are: only explanations walk
     * them.
     */
    private static TreeNode withChains(TreeNode node, Map<TreeNode, TreeNode> done) {
        TreeNode known = done.get(node);
        if (known != null) {
            return known;
        }
        TreeNode rebuilt;
        if (node instanceof TreeNode.Leaf) {
            rebuilt = node;
        } else if (node instanceof TreeNode.Ranges ranges) {
            List<TreeNode> regions = new ArrayList<>(ranges.regions().size());
            ranges.regions().forEach(region -> regions.add(withChains(region, done)));
            rebuilt = new TreeNode.Ranges(ranges.path(), ranges.bounds(), regions,
                    withChains(ranges.otherwise(), done), withChains(ranges.rest(), done));
        } else {
            TreeNode.Switch test = (TreeNode.Switch) node;
            TupleTable chain = TupleTable.of(test);
            Map<Value, TreeNode> cases = new HashMap<>();
            test.cases().forEach((value, child) -> cases.put(value, chain != null ? child : withChains(child, done)));
            Map<Value.Kind, TreeNode> kinds = new EnumMap<>(Value.Kind.class);
            test.kinds().forEach((kind, child) -> kinds.put(kind, withChains(child, done)));
            rebuilt = new TreeNode.Switch(test.path(), cases, kinds, withChains(test.rest(), done), chain);
        }
        done.put(node, rebuilt);
        return rebuilt;
    }

    /** A body on its way down: the guards not yet tested and those the path has tested. */
    private record Entry(RuleDef definition, List<Guard> pending, List<Guard> taken) {
    }

    private TreeNode node(List<Entry> entries) {
        nodes++;
        List<String> tested = mostTested(entries);
        if (tested == null) {
            return leaf(entries);
        }
        List<String> path = paths.computeIfAbsent(tested, TreeBuilder::interned);
        if (!testsByConstant(entries, path)) {
            return ranges(entries, path);
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

    /**
     * The path with its keys interned. JSON parsers intern member names, so an input's key and the tree's are then
     * often the same object and comparing them reads no text.
     */
    private static List<String> interned(List<String> path) {
        List<String> keys = new ArrayList<>(path.size());
        path.forEach(key -> keys.add(key.intern()));
        return List.copyOf(keys);
    }

    private static boolean testsByConstant(List<Entry> entries, List<String> path) {
        for (Entry entry : entries) {
            if (guardOn(entry, path) != null) {
                return true;
            }
        }
        return false;
    }

    /** The entry's first pending constant test on the path, else its first type test on it, else null. */
    private static Guard guardOn(Entry entry, List<String> path) {
        Guard typeTest = null;
        for (Guard guard : entry.pending()) {
            if (!guard.path().equals(path) || guard.isRange()) {
                continue;
            }
            if (!guard.isTypeTest()) {
                return guard;
            }
            typeTest = typeTest == null ? guard : typeTest;
        }
        return typeTest;
    }

    /**
     * A ranges node on the path for the entries whose first pending range guard tests it. Above a size budget
     * (overlapping intervals can make the region lists quadratic) those entries keep their range tests in the body
     * instead.
     */
    private TreeNode ranges(List<Entry> entries, List<String> path) {
        List<Entry> rest = new ArrayList<>();
        List<Entry> ranged = new ArrayList<>();
        List<List<Guard>> runs = new ArrayList<>();
        TreeSet<BigDecimal> distinct = new TreeSet<>();
        for (Entry entry : entries) {
            List<Guard> run = rangeRun(entry, path);
            if (run.isEmpty()) {
                rest.add(entry);
                continue;
            }
            ranged.add(entry);
            runs.add(run);
            run.forEach(guard -> distinct.add(guard.range().limit()));
        }
        List<BigDecimal> bounds = new ArrayList<>(distinct);
        int regionCount = 2 * bounds.size() + 1;
        List<int[]> spans = new ArrayList<>(ranged.size());
        long covered = 0;
        for (List<Guard> run : runs) {
            int[] span = span(run, bounds);
            spans.add(span);
            covered += Math.max(0, span[1] - span[0] + 1);
        }

        List<Entry> otherwise = new ArrayList<>();
        ranged.forEach(entry -> otherwise.add(withoutRanges(entry)));
        if (covered > 8L * ranged.size() + 2L * regionCount + 1024) {
            List<Entry> unlifted = new ArrayList<>(rest);
            unlifted.addAll(otherwise);
            unlifted.sort(Comparator.comparingInt(entry -> entry.definition().order()));
            nodes--; // node() counts itself again
            return node(unlifted);
        }

        List<List<Entry>> perRegion = new ArrayList<>(regionCount);
        for (int region = 0; region < regionCount; region++) {
            perRegion.add(new ArrayList<>());
        }
        for (int i = 0; i < ranged.size(); i++) {
            Entry next = taking(ranged.get(i), runs.get(i));
            for (int region = spans.get(i)[0]; region <= spans.get(i)[1]; region++) {
                perRegion.get(region).add(next);
            }
        }
        return new TreeNode.Ranges(path, bounds, regionNodes(perRegion), node(otherwise),
                rest.isEmpty() ? emptyLeaf() : node(rest));
    }

    /** The first and last region where every comparison of the run holds; first > last when none. */
    private static int[] span(List<Guard> run, List<BigDecimal> bounds) {
        int first = 0;
        int last = 2 * bounds.size();
        for (Guard guard : run) {
            // the bound's own region: 2i + 1 for bounds.get(i)
            int at = 2 * Collections.binarySearch(bounds, guard.range().limit()) + 1;
            switch (guard.range().op()) {
                case GT -> first = Math.max(first, at + 1);
                case GE -> first = Math.max(first, at);
                case LT -> last = Math.min(last, at - 1);
                case LE -> last = Math.min(last, at);
                default -> throw new IllegalStateException("not a range operator: " + guard.range().op());
            }
        }
        return new int[] {first, last};
    }

    /** The entry with the run's guards moved from pending to taken. */
    private static Entry taking(Entry entry, List<Guard> run) {
        List<Guard> pending = new ArrayList<>(entry.pending());
        pending.removeAll(run);
        List<Guard> taken = new ArrayList<>(entry.taken());
        taken.addAll(run);
        return new Entry(entry.definition(), pending, taken);
    }

    /** A subtree per region; empty regions share one leaf, and adjacent regions with the same bodies one subtree. */
    private List<TreeNode> regionNodes(List<List<Entry>> perRegion) {
        List<TreeNode> regions = new ArrayList<>(perRegion.size());
        TreeNode empty = null;
        for (int region = 0; region < perRegion.size(); region++) {
            List<Entry> inRegion = perRegion.get(region);
            if (inRegion.isEmpty()) {
                empty = empty != null ? empty : emptyLeaf();
                regions.add(empty);
            } else if (region > 0 && sameEntries(inRegion, perRegion.get(region - 1))) {
                regions.add(regions.get(region - 1));
            } else {
                regions.add(node(inRegion));
            }
        }
        return regions;
    }

    /** The entry's first pending range guard and the ones right after it on the same path; empty if not on it. */
    private static List<Guard> rangeRun(Entry entry, List<String> path) {
        List<Guard> run = new ArrayList<>();
        for (Guard guard : entry.pending()) {
            if (!guard.isRange()) {
                continue;
            }
            if (!guard.path().equals(path)) {
                break;
            }
            run.add(guard);
        }
        return run;
    }

    /** The entry with every pending range guard given up: those tests run in the body, in order. */
    private static Entry withoutRanges(Entry entry) {
        List<Guard> pending = new ArrayList<>();
        for (Guard guard : entry.pending()) {
            if (!guard.isRange()) {
                pending.add(guard);
            }
        }
        return new Entry(entry.definition(), pending, entry.taken());
    }

    private static boolean sameEntries(List<Entry> left, List<Entry> right) {
        if (left.size() != right.size()) {
            return false;
        }
        for (int i = 0; i < left.size(); i++) {
            if (left.get(i) != right.get(i)) {
                return false;
            }
        }
        return true;
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
            boolean firstRange = true;
            for (Guard guard : entry.pending()) {
                if (guard.isRange()) {
                    // only the first pending range guard is available: see the class comment
                    if (!firstRange) {
                        continue;
                    }
                    firstRange = false;
                }
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
