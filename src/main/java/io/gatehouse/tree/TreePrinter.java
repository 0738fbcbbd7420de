package io.gatehouse.tree;

import io.gatehouse.compile.Lit;
import io.gatehouse.value.Value;
import io.gatehouse.value.Values;
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
        TreeNode.Switch test = (TreeNode.Switch) node;
        out.append(indent).append("switch ").append(pathText(test.path())).append('\n');
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
