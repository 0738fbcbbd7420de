package io.gatehouse.compile;

import io.gatehouse.builtin.Builtin;
import io.gatehouse.value.Value;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What names can refer to across a revision: packages and their rules, the base data, the builtins.
 *
 * @param rules rule sets by package name, then by rule name
 * @param data the merged base data
 * @param builtins builtins by name
 */
record Symbols(Map<String, Map<String, RuleSet>> rules, Value.Obj data, Map<String, Builtin> builtins) {

    /** Whether some package is at or below this path. */
    boolean isPackagePrefix(List<String> path) {
        String prefix = String.join(".", path);
        for (String name : rules.keySet()) {
            if (path.isEmpty() || name.equals(prefix) || name.startsWith(prefix + ".")) {
                return true;
            }
        }
        return false;
    }

    Map<String, RuleSet> packageRules(List<String> path) {
        return rules.get(String.join(".", path));
    }

    Set<String> packageNames() {
        return new HashSet<>(rules.keySet());
    }
}
