package io.gatehouse.tree;

import io.gatehouse.compile.Lit;
import io.gatehouse.value.Value;
import io.gatehouse.value.Values;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints a decision tree as indented text or as Graphviz DOT. */
public final class TreePrinter {

    private TreePrinter() {
    }

    public static String text(DecisionTree tree) {
        StringBuilder out = new StringBuilder();
        out.append("decision tree of ").append(tree.packageName()).append(" (").append(tree.nodes())
                .append(" nodes)\n");
        text(tree.root(), 1, out);
        return out.toString();
    }

    private static void text(TreeNode node, int depth, StringBuilder out) {
        String indent = "  ".repeat(depth);
        if (node instanceof TreeNode.Leaf leaf) {
            if (leaf.candidates().isEmpty()) {
                out.append(indent).append("(no rule)\n");
            }
            for (TreeNode.Candidate candidate : leaf.candidates()) {
                out.append(indent).append(candidateText(candidate)).append('\n');
            }
            return;
        }
        if (node instanceof TreeNode.Ranges ranges) {
            out.append(indent).append("ranges of ").append(pathText(ranges.path())).append('\n');
            for (int[] span : spans(ranges)) {
                out.append(indent).append("  in ").append(regionText(ranges, span[0], span[1])).append(":\n");
                text(ranges.regions().get(span[0]), depth + 2, out);
            }
            out.append(indent).append("  not a number:\n");
            text(ranges.otherwise(), depth + 2, out);
            out.append(indent).append("  any value:\n");
            text(ranges.rest(), depth + 2, out);
            return;
        }
        TreeNode.Switch test = (TreeNode.Switch) node;
        out.append(indent).append("switch ").append(pathText(test.path()));
        if (test.chain() != null) {
            List<String> below = test.chain().paths().subList(1, test.chain().paths().size()).stream()
                    .map(TreePrinter::pathText).toList();
            out.append(" (cases looked up at once with ").append(String.join(", ", below)).append(": ")
                    .append(test.chain().size()).append(test.chain().size() == 1 ? " combination)" : " combinations)");
        }
        out.append('\n');
        for (Value value : sortedKeys(test.cases())) {
            out.append(indent).append("  case ").append(valueText(value)).append(":\n");
            text(test.cases().get(value), depth + 2, out);
        }
        for (Value.Kind kind : test.kinds().keySet().stream().sorted().toList()) {
            out.append(indent).append("  case type ").append(kind.typeName()).append(":\n");
            text(test.kinds().get(kind), depth + 2, out);
        }
        out.append(indent).append("  any value:\n");
        text(test.rest(), depth + 2, out);
    }

    public static String dot(DecisionTree tree) {
        StringBuilder out = new StringBuilder("digraph \"" + escape(tree.packageName()) + "\" {\n");
        out.append("  node [fontname=\"monospace\"];\n");
        dot(tree.root(), new int[] {0}, out);
        return out.append("}\n").toString();
    }

    private static int dot(TreeNode node, int[] counter, StringBuilder out) {
        int id = counter[0]++;
        if (node instanceof TreeNode.Leaf leaf) {
            String label = leaf.candidates().isEmpty() ? "(no rule)"
                    : leaf.candidates().stream().map(TreePrinter::candidateText).collect(Collectors.joining("\\l"));
            out.append("  n").append(id).append(" [shape=box, label=\"").append(escape(label)).append("\\l\"];\n");
            return id;
        }
        if (node instanceof TreeNode.Ranges ranges) {
            out.append("  n").append(id).append(" [shape=diamond, label=\"").append(escape(pathText(ranges.path())))
                    .append(" (ranges)\"];\n");
            for (int[] span : spans(ranges)) {
                int child = dot(ranges.regions().get(span[0]), counter, out);
                edge(out, id, child, regionText(ranges, span[0], span[1]), "");
            }
            edge(out, id, dot(ranges.otherwise(), counter, out), "not a number", "");
            edge(out, id, dot(ranges.rest(), counter, out), "any", ", style=dashed");
            return id;
        }
        TreeNode.Switch test = (TreeNode.Switch) node;
        out.append("  n").append(id).append(" [shape=diamond, label=\"").append(escape(pathText(test.path())))
                .append("\"];\n");
        for (Value value : sortedKeys(test.cases())) {
            int child = dot(test.cases().get(value), counter, out);
            out.append("  n").append(id).append(" -> n").append(child).append(" [label=\"")
                    .append(escape(valueText(value))).append("\"];\n");
        }
        for (Value.Kind kind : test.kinds().keySet().stream().sorted().toList()) {
            int child = dot(test.kinds().get(kind), counter, out);
            out.append("  n").append(id).append(" -> n").append(child).append(" [label=\"type ")
                    .append(kind.typeName()).append("\"];\n");
        }
        int rest = dot(test.rest(), counter, out);
        out.append("  n").append(id).append(" -> n").append(rest).append(" [label=\"any\", style=dashed];\n");
        return id;
    }

    private static void edge(StringBuilder out, int from, int to, String label, String style) {
        out.append("  n").append(from).append(" -> n").append(to).append(" [label=\"").append(escape(label))
                .append('"').append(style).append("];\n");
    }

    /** Runs of adjacent regions that share one subtree, leaving out those that lead to no rule: {first, last}. */
    private static List<int[]> spans(TreeNode.Ranges ranges) {
        List<int[]> spans = new ArrayList<>();
        List<TreeNode> regions = ranges.regions();
        int start = 0;
        for (int region = 1; region <= regions.size(); region++) {
            if (region == regions.size() || regions.get(region) != regions.get(start)) {
                TreeNode node = regions.get(start);
                if (!(node instanceof TreeNode.Leaf leaf && leaf.candidates().isEmpty())) {
                    spans.add(new int[] {start, region - 1});
                }
                start = region;
            }
        }
        return spans;
    }

    /** The numbers of regions {@code first..last} as an interval, e.g. {@code (100, 200]} or {@code == 5}. */
    static String regionText(TreeNode.Ranges ranges, int first, int last) {
        List<BigDecimal> bounds = ranges.bounds();
        boolean lowIncluded = first % 2 == 1;
        // Bounds print as case values do: 1e100000 in a policy stays 1E+100000, not a hundred thousand digits.
        String low = first == 0 ? "-inf" : valueText(new Value.Num(bounds.get((first - 1) / 2)));
        boolean highIncluded = last % 2 == 1;
        String high = last == 2 * bounds.size() ? "inf" : valueText(new Value.Num(bounds.get(last / 2)));
        if (first == last && lowIncluded) {
            return "== " + low;
        }
        return (lowIncluded ? "[" : "(") + low + ", " + high + (highIncluded ? "]" : ")");
    }

    static String candidateText(TreeNode.Candidate candidate) {
        String rule = candidate.definition().rule().name() + " (" + candidate.definition().location() + ")";
        List<String> remaining = new ArrayList<>();
        for (Lit literal : candidate.remaining().literals()) {
            remaining.add(literal.text());
        }
        return remaining.isEmpty() ? rule : rule + " if " + String.join("; ", remaining);
    }

    static String pathText(List<String> path) {
        return "input." + String.join(".", path);
    }

    static String valueText(Value value) {
        return Values.toJson(value).toString();
    }

    private static List<Value> sortedKeys(Map<Value, TreeNode> cases) {
        List<Value> keys = new ArrayList<>(cases.keySet());
        keys.sort(null);
        return keys;
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\\\\l", "\\l");
    }
}
