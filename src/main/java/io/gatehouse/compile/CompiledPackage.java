package io.gatehouse.compile;

import io.gatehouse.ast.Module;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A package after compilation: its rules by name (sorted) and its privileged operations.
 *
 * @param name dotted package name
 * @param path its parts
 * @param rules rule sets by name, in name order
 * @param operations declared privileged operations, in source order
 * @param testOnly whether every file of the package is a {@code *_test.pol} file
 */
public record CompiledPackage(
        String name, List<String> path, Map<String, RuleSet> rules, List<Module.OperationDecl> operations,
        boolean testOnly) {

    public CompiledPackage {
        Objects.requireNonNull(name, "name");
        path = List.copyOf(path);
        rules = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(rules));
        operations = List.copyOf(operations);
    }

    public RuleSet rule(String ruleName) {
        return rules.get(ruleName);
    }
}
