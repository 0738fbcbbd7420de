package io.gatehouse.ast;

import java.util.List;
import java.util.Objects;

/**
 * One parsed {@code .pol} file.
 *
 * @param file path relative to the policy directory
 * @param packagePath the dotted package path, as its parts
 * @param imports the imports, in source order
 * @param operations the privileged-operation declarations, in source order
 * @param rules the rule definitions, in source order
 * @param pos where the package declaration is
 */
public record Module(
        String file, List<String> packagePath, List<Import> imports, List<OperationDecl> operations,
        List<RuleDecl> rules, Pos pos) {

    public Module {
        Objects.requireNonNull(file, "file");
        packagePath = List.copyOf(packagePath);
        imports = List.copyOf(imports);
        operations = List.copyOf(operations);
        rules = List.copyOf(rules);
        Objects.requireNonNull(pos, "pos");
    }

    public String packageName() {
        return String.join(".", packagePath);
    }

    public boolean isTestFile() {
        return file.endsWith("_test.pol");
    }

    /** {@code import data.a.b as c}; without {@code as}, the alias is the last part of the path. */
    public record Import(List<String> path, String alias, Pos pos) {
        public Import {
            path = List.copyOf(path);
            Objects.requireNonNull(alias, "alias");
        }
    }

    /** {@code operation "name" { owner: "..." risk: "..." description: "..." }}. */
    public record OperationDecl(String name, java.util.Map<String, String> fields, Pos pos) {
        public OperationDecl {
            Objects.requireNonNull(name, "name");
            fields = java.util.Map.copyOf(fields);
        }
    }
}
