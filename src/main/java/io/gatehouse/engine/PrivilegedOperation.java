package io.gatehouse.engine;

import java.util.List;

/**
 * A privileged operation declared in a policy, for the catalog.
 *
 * @param name the operation's name, e.g. {@code refund.issue}
 * @param owner the team that owns it
 * @param risk the risk rating: {@code low}, {@code medium}, {@code high} or {@code critical}
 * @param description what it does
 * @param packageName the package that declares it
 * @param rules the rules that govern it, as {@code package.rule}
 * @param location {@code file:line:column} of the declaration
 */
public record PrivilegedOperation(
        String name, String owner, String risk, String description, String packageName, List<String> rules,
        String location) {

    public PrivilegedOperation {
        rules = List.copyOf(rules);
    }

    public boolean isHighRisk() {
        return "high".equals(risk) || "critical".equals(risk);
    }
}
