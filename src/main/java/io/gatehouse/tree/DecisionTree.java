package io.gatehouse.tree;

import io.gatehouse.value.Value;
import java.util.List;
import java.util.Objects;

/**
 * The decision tree shared by the entrypoint rules ({@code allow}, {@code deny}, {@code obligations}) of one package.
 *
 * @param packageName the package
 * @param root the root node
 * @param nodes how many nodes it has
 */
public record DecisionTree(String packageName, TreeNode root, int nodes) {

    public DecisionTree {
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(root, "root");
    }

    /**
     * Adds to {@code out} every candidate whose tested guards hold for this input. The order is the tree's; callers
     * sort by definition order. When {@code path} is not null, each test taken is appended as text.
     */
    public void candidates(Value input, List<TreeNode.Candidate> out, List<String> path) {
        collect(root, input, out, path);
    }

    private static void collect(TreeNode node, Value input, List<TreeNode.Candidate> out, List<String> path) {
        if (node instanceof TreeNode.Leaf leaf) {
            addAll(leaf, out);
            return;
        }
        if (node instanceof TreeNode.Ranges ranges) {
            collectRanges(ranges, input, out, path);
            return;
        }
        TreeNode.Switch test = (TreeNode.Switch) node;
        if (test.chain() != null && path == null) {
            TreeNode.Leaf leaf = test.chain().find(input);
            if (leaf != null) {
                addAll(leaf, out);
            }
            collect(test.rest(), input, out, null);
            return;
        }
        Value value = at(input, test.path());
        TreeNode next = value == null ? null : test.cases().get(value);
        TreeNode byKind = value == null || test.kinds().isEmpty() ? null : test.kinds().get(value.kind());
        if (path != null) {
            path.add(TreePrinter.pathText(test.path()) + (next == null ? " matches no case"
                    : " == " + TreePrinter.valueText(value)));
            if (byKind != null) {
                path.add(TreePrinter.pathText(test.path()) + " is a " + value.typeName());
            }
        }
        if (next != null) {
            collect(next, input, out, path);
        }
        if (byKind != null) {
            collect(byKind, input, out, path);
        }
        collect(test.rest(), input, out, path);
    }

    /** Adds the leaf's candidates one by one: {@code addAll} would copy them into a new array first. */
    private static void addAll(TreeNode.Leaf leaf, List<TreeNode.Candidate> out) {
        List<TreeNode.Candidate> candidates = leaf.candidates();
        for (int i = 0; i < candidates.size(); i++) {
            out.add(candidates.get(i));
        }
    }

    private static void collectRanges(TreeNode.Ranges ranges, Value input, List<TreeNode.Candidate> out,
            List<String> path) {
        Value value = at(input, ranges.path());
        TreeNode next = null;
        if (value instanceof Value.Num number) {
            int region = ranges.region(number.value());
            next = ranges.regions().get(region);
            if (path != null) {
                path.add(TreePrinter.pathText(ranges.path()) + " in " + TreePrinter.regionText(ranges, region, region));
            }
        } else if (value != null) {
            next = ranges.otherwise();
            if (path != null) {
                path.add(TreePrinter.pathText(ranges.path()) + " is a " + value.typeName() + ", not a number");
            }
        } else if (path != null) {
            path.add(TreePrinter.pathText(ranges.path()) + " is undefined");
        }
        if (next != null) {
            collect(next, input, out, path);
        }
        collect(ranges.rest(), input, out, path);
    }

    // Performance: this runs once per switch per decision. Plain loops, no streams, no allocation.
    static Value at(Value input, List<String> path) {
        Value current = input;
        for (int i = 0; i < path.size() && current != null; i++) {
            current = member(current, path.get(i));
        }
        return current;
    }

    /** The member of an object, or of a set (the key itself) as the evaluator reads it; null when there is none. */
    static Value member(Value value, String key) {
        if (value instanceof Value.Obj object) {
            return object.members().get(key);
        }
        if (value instanceof Value.SetV set) {
            // An input built in Java may hold sets.
            Value member = new Value.Str(key);
            return set.members().contains(member) ? member : null;
        }
        return null;
    }
}
