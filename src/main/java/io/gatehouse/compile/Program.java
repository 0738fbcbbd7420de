package io.gatehouse.compile;

import io.gatehouse.tree.DecisionTree;
import io.gatehouse.value.Value;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the evaluator needs from a compiled revision.
 *
 * @param packages compiled packages by name, sorted
 * @param data the merged base data documents
 * @param rules every rule set, indexed by {@link RuleSet#id()}
 * @param trees decision trees of the entrypoint packages, by package name
 */
public record Program(
        Map<String, CompiledPackage> packages, Value.Obj data, List<RuleSet> rules, Map<String, DecisionTree> trees) {

    public Program {
        packages = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(packages));
        Objects.requireNonNull(data, "data");
        rules = List.copyOf(rules);
        trees = Map.copyOf(trees);
    }
}
