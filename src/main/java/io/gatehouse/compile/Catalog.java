package io.gatehouse.compile;

import io.gatehouse.ast.Module;
import io.gatehouse.check.Problems;
import io.gatehouse.engine.PrivilegedOperation;
import io.gatehouse.value.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The privileged operations declared by {@code operation} blocks.
 *
 * <p>The rules that govern an operation are the entrypoint rules of its package ({@code allow}, {@code deny},
 * {@code obligations}) with a definition that tests {@code input.operation == "<name>"} (or {@code in} a set that
 * holds the name). When no definition of the package tests that operation, every entrypoint rule of the package
 * governs it.
 */
public final class Catalog {

    static final Set<String> FIELDS = Set.of("owner", "risk", "description");
    static final Set<String> RISKS = Set.of("low", "medium", "high", "critical");

    private Catalog() {
    }

    static void check(List<Module> modules, Problems problems) {
        Map<String, Module.OperationDecl> seen = new HashMap<>();
        for (Module module : modules) {
            for (Module.OperationDecl operation : module.operations()) {
                check(operation, problems);
                Module.OperationDecl earlier = seen.putIfAbsent(operation.name(), operation);
                if (earlier != null) {
                    problems.error(Problems.Code.INVALID_OPERATION, operation.pos(), "operation \"" + operation.name()
                            + "\" is already declared at " + earlier.pos(), null);
                }
            }
        }
    }

    private static void check(Module.OperationDecl operation, Problems problems) {
        for (String field : operation.fields().keySet()) {
            if (!FIELDS.contains(field)) {
                problems.error(Problems.Code.INVALID_OPERATION, operation.pos(), "unknown field \"" + field
                        + "\" in operation \"" + operation.name() + "\"", "the fields are owner, risk and description");
            }
        }
        for (String field : List.of("owner", "risk", "description")) {
            if (!operation.fields().containsKey(field)) {
                problems.error(Problems.Code.INVALID_OPERATION, operation.pos(), "operation \"" + operation.name()
                        + "\" has no " + field, null);
            }
        }
        String risk = operation.fields().get("risk");
        if (risk != null && !RISKS.contains(risk)) {
            problems.error(Problems.Code.INVALID_OPERATION, operation.pos(), "unknown risk \"" + risk + "\"",
                    "risk is one of low, medium, high, critical");
        }
    }

    /** Every declared operation with its governing rules, sorted by name. */
    public static List<PrivilegedOperation> of(Program program) {
        List<PrivilegedOperation> operations = new ArrayList<>();
        for (CompiledPackage pkg : program.packages().values()) {
            for (Module.OperationDecl operation : pkg.operations()) {
                operations.add(new PrivilegedOperation(operation.name(), operation.fields().get("owner"),
                        operation.fields().get("risk"), operation.fields().get("description"), pkg.name(),
                        governing(pkg, operation.name()), operation.pos().toString()));
            }
        }
        operations.sort(Comparator.comparing(PrivilegedOperation::name));
        return List.copyOf(operations);
    }

    private static List<String> governing(CompiledPackage pkg, String operation) {
        List<String> testing = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (String name : List.of("allow", "deny", "obligations")) {
            RuleSet rule = pkg.rule(name);
            if (rule == null) {
                continue;
            }
            all.add(rule.qualifiedName());
            boolean tests = rule.definitions().stream().flatMap(definition -> definition.guards().stream())
                    .anyMatch(guard -> guard.path().equals(List.of("operation"))
                            && guard.values().contains(new Value.Str(operation)));
            if (tests) {
                testing.add(rule.qualifiedName());
            }
        }
        return testing.isEmpty() ? all : testing;
    }
}
