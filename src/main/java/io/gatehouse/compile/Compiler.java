package io.gatehouse.compile;

import io.gatehouse.ast.Module;
import io.gatehouse.ast.Pos;
import io.gatehouse.ast.RuleDecl;
import io.gatehouse.builtin.Builtin;
import io.gatehouse.check.Lint;
import io.gatehouse.check.Problems;
import io.gatehouse.check.RecursionCheck;
import io.gatehouse.parse.PolSource;
import io.gatehouse.tree.DecisionTree;
import io.gatehouse.tree.TreeBuilder;
import io.gatehouse.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compiles a set of source files into a {@link Program}, as an ordered list of named, timed stages.
 *
 * <p>The order is forced by what each stage needs: rules can only be resolved once every package's rule names are
 * known (rules may refer to rules defined later or in other files) and the data documents are mounted (a reference
 * may end in either); recursion can only be found once references are resolved; decision trees are built last, from
 * bodies whose guards the resolver has identified. Every stage runs even after errors in an earlier one when its
 * input allows it, so that one pass reports as many mistakes as possible.
 */
public final class Compiler {

    /** Names of the entrypoint rules of the decision model. */
    public static final Set<String> ENTRYPOINT_RULES = Set.of("allow", "deny", "obligations");

    private final Map<String, Builtin> builtins;
    private final Problems problems = new Problems();
    private final Map<String, Long> stageNanos = new LinkedHashMap<>();
    private final List<Module> modules = new ArrayList<>();
    private final Map<String, Map<String, RuleSet>> rules = new TreeMap<>();
    private final List<RuleSet> allRules = new ArrayList<>();
    private Value.Obj data;
    private Map<String, DecisionTree> trees = Map.of();

    public Compiler(Map<String, Builtin> builtins) {
        this.builtins = Map.copyOf(builtins);
    }

    /**
     * The outcome of a compilation.
     *
     * @param program the compiled program, or null when there were errors
     * @param modules the parsed modules, sorted by file
     * @param problems every diagnostic
     * @param stageNanos time spent per stage
     */
    public record Result(Program program, List<Module> modules, Problems problems, Map<String, Long> stageNanos) {
    }

    /** Compiles policy sources (relative path to text) over data documents (relative path to text). */
    public Result compile(Map<String, String> policies, Map<String, String> dataFiles) {
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(dataFiles, "dataFiles");
        stage("parse", () -> parse(policies));
        stage("mount-data", () -> data = DataMount.mount(dataFiles, problems));
        stage("collect-rules", this::collectRules);
        stage("resolve", this::resolve);
        stage("check-recursion", () -> RecursionCheck.check(allRules, problems));
        stage("lint", () -> Lint.check(allRules, problems));
        stage("check-operations", () -> Catalog.check(modules, problems));
        stage("build-trees", this::buildTrees);
        Program program = problems.hasErrors() ? null : program();
        return new Result(program, List.copyOf(modules), problems, Map.copyOf(stageNanos));
    }

    /**
     * Reads the files' syntax concurrently, then builds and reports module by module in file order, so the
     * diagnostics are those of one pass in order. Parsing is most of a compile's time, and at startup, with the
     * parser's prediction caches still empty, most of the service's own start-up work.
     */
    private void parse(Map<String, String> policies) {
        List<Read> reads = new TreeMap<>(policies).entrySet().parallelStream()
                .map(file -> Read.of(file.getKey(), file.getValue()))
                .toList();
        for (Read read : reads) {
            PolSource.build(read.syntax(), problems).ifPresent(modules::add);
        }
    }

    /**
     * One file's syntax, or what reading it threw; the throwable is rethrown as it is on the compiling thread, in
     * file order, so a parser failure surfaces exactly as in a sequential pass (a parallel stream would wrap it).
     */
    private record Read(PolSource.Syntax syntax, Throwable failure) {

        static Read of(String file, String text) {
            try {
                return new Read(PolSource.syntax(file, text), null);
            } catch (RuntimeException | Error failure) {
                return new Read(null, failure);
            }
        }

        @Override
        public PolSource.Syntax syntax() {
            if (failure instanceof RuntimeException exception) {
                throw exception;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            return syntax;
        }
    }

    private void stage(String name, Runnable stage) {
        long start = System.nanoTime();
        stage.run();
        stageNanos.put(name, System.nanoTime() - start);
    }

    private Program program() {
        Map<String, CompiledPackage> packages = new TreeMap<>();
        Map<String, List<Module>> byPackage = modulesByPackage();
        byPackage.forEach((name, parts) -> {
            List<Module.OperationDecl> operations = new ArrayList<>();
            parts.forEach(module -> operations.addAll(module.operations()));
            boolean testOnly = parts.stream().allMatch(Module::isTestFile);
            packages.put(name, new CompiledPackage(name, parts.get(0).packagePath(), rules.get(name), operations,
                    testOnly));
        });
        return new Program(packages, data, allRules, trees);
    }

    private Map<String, List<Module>> modulesByPackage() {
        Map<String, List<Module>> byPackage = new TreeMap<>();
        modules.forEach(module -> byPackage.computeIfAbsent(module.packageName(), k -> new ArrayList<>()).add(module));
        return byPackage;
    }

    // ---- collect-rules

    private void collectRules() {
        for (Module module : modules) {
            Map<String, RuleSet> packageRules = rules.computeIfAbsent(module.packageName(), k -> new TreeMap<>());
            for (RuleDecl decl : module.rules()) {
                RuleSet rule = packageRules.get(decl.name());
                if (rule == null) {
                    RuleDecl.Kind kind = decl.kind() == RuleDecl.Kind.DEFAULT ? RuleDecl.Kind.COMPLETE : decl.kind();
                    rule = new RuleSet(module.packageName(), decl.name(), kind, decl.pos(), allRules.size());
                    packageRules.put(decl.name(), rule);
                    allRules.add(rule);
                }
                checkHead(rule, decl);
            }
        }
        checkDataConflicts();
    }

    private void checkHead(RuleSet rule, RuleDecl decl) {
        RuleDecl.Kind kind = decl.kind() == RuleDecl.Kind.DEFAULT ? RuleDecl.Kind.COMPLETE : decl.kind();
        if (kind != rule.kind() && !(decl.kind() == RuleDecl.Kind.DEFAULT && rule.kind() == RuleDecl.Kind.FUNCTION)) {
            problems.error(Problems.Code.RULE_KIND_CONFLICT, decl.pos(), "rule \"" + decl.name() + "\" is defined "
                    + "as " + describe(rule.kind()) + " at " + rule.pos() + " and as " + describe(kind) + " here",
                    "give the rules different names");
        }
        if (decl.kind() == RuleDecl.Kind.FUNCTION) {
            if (rule.arity() >= 0 && rule.arity() != decl.params().size()) {
                problems.error(Problems.Code.RULE_KIND_CONFLICT, decl.pos(), "function \"" + decl.name() + "\" takes "
                        + rule.arity() + " arguments elsewhere and " + decl.params().size() + " here", null);
            }
            rule.setArity(decl.params().size());
        }
        if (decl.kind() != RuleDecl.Kind.DEFAULT && decl.value() == null && !decl.hasBody()
                && decl.kind() != RuleDecl.Kind.SET) {
            problems.error(Problems.Code.INVALID_RULE, decl.pos(), "rule \"" + decl.name() + "\" has neither a "
                    + "value nor a body", "write `" + decl.name() + " if { ... }` or `" + decl.name() + " := value`");
        }
    }

    private static String describe(RuleDecl.Kind kind) {
        return switch (kind) {
            case COMPLETE, DEFAULT -> "a complete rule";
            case SET -> "a set rule";
            case OBJECT -> "an object rule";
            case FUNCTION -> "a function";
        };
    }

    private void checkDataConflicts() {
        rules.forEach((pkg, packageRules) -> packageRules.values().forEach(rule -> {
            List<String> path = new ArrayList<>(List.of(pkg.split("\\.")));
            path.add(rule.name());
            if (io.gatehouse.eval.Documents.at(data, path) != null) {
                problems.error(Problems.Code.DATA_CONFLICT, rule.pos(), "rule \"" + rule.qualifiedName()
                        + "\" has the same path as a data document", "rename the rule or move the data file");
            }
            String asPackage = String.join(".", path);
            if (rules.keySet().stream().anyMatch(name -> name.equals(asPackage) || name.startsWith(asPackage + "."))) {
                problems.error(Problems.Code.DATA_CONFLICT, rule.pos(), "rule \"" + rule.qualifiedName()
                        + "\" has the same path as a package", "rename the rule or the package");
            }
        }));
    }

    // ---- resolve

    private void resolve() {
        Symbols symbols = new Symbols(rules, data, builtins);
        int order = 0;
        Map<RuleSet, Pos> defaults = new HashMap<>();
        Map<List<String>, Term.Index> inputPaths = new ConcurrentHashMap<>();
        for (Module module : modules) {
            RuleCompiler compiler = new RuleCompiler(module, symbols, problems, inputPaths);
            checkImports(module, symbols);
            for (RuleDecl decl : module.rules()) {
                RuleSet rule = rules.get(module.packageName()).get(decl.name());
                if (decl.kind() == RuleDecl.Kind.DEFAULT) {
                    defaultValue(rule, decl, compiler, defaults);
                } else {
                    rule.addDefinition(compiler.compile(rule, decl, order++));
                }
            }
        }
    }

    private void defaultValue(RuleSet rule, RuleDecl decl, RuleCompiler compiler, Map<RuleSet, Pos> defaults) {
        Term value = compiler.constant(decl.value());
        if (!(value instanceof Term.Const constant)) {
            problems.error(Problems.Code.INVALID_RULE, decl.pos(), "the default value of \"" + decl.name()
                    + "\" must be a constant", null);
            return;
        }
        Pos earlier = defaults.putIfAbsent(rule, decl.pos());
        if (earlier != null) {
            problems.error(Problems.Code.CONFLICTING_DEFAULT, decl.pos(), "rule \"" + rule.qualifiedName()
                    + "\" has a second default value (the first is at " + earlier + ")", "keep one default");
            return;
        }
        rule.setDefaultValue(constant.value());
    }

    private void checkImports(Module module, Symbols symbols) {
        Set<String> aliases = new java.util.HashSet<>();
        for (Module.Import imported : module.imports()) {
            List<String> path = imported.path();
            if (!aliases.add(imported.alias())) {
                problems.error(Problems.Code.UNKNOWN_PACKAGE, imported.pos(), "import alias \"" + imported.alias()
                        + "\" is used twice", "use `import ... as other_name`");
            }
            if (!path.get(0).equals("data") || path.size() < 2) {
                problems.error(Problems.Code.UNKNOWN_PACKAGE, imported.pos(), "imports must name a package or "
                        + "document below data, given \"" + String.join(".", path) + "\"", "write `import data.x.y`");
                continue;
            }
            List<String> below = path.subList(1, path.size());
            if (!symbols.isPackagePrefix(below) && io.gatehouse.eval.Documents.at(data, below) == null
                    && !isRule(below)) {
                problems.error(Problems.Code.UNKNOWN_PACKAGE, imported.pos(), "unknown package or data document \""
                        + String.join(".", path) + "\"", null);
            }
        }
    }

    private boolean isRule(List<String> path) {
        Map<String, RuleSet> packageRules = rules.get(String.join(".", path.subList(0, path.size() - 1)));
        return packageRules != null && packageRules.containsKey(path.get(path.size() - 1));
    }

    // ---- build-trees

    private void buildTrees() {
        if (problems.hasErrors()) {
            return;
        }
        Map<String, DecisionTree> built = new TreeMap<>();
        modulesByPackage().forEach((pkg, parts) -> {
            List<RuleDef> entrypoints = new ArrayList<>();
            for (String name : List.of("allow", "deny", "obligations")) {
                RuleSet rule = rules.get(pkg).get(name);
                if (rule != null && rule.kind() != RuleDecl.Kind.FUNCTION) {
                    entrypoints.addAll(rule.definitions());
                }
            }
            built.put(pkg, TreeBuilder.build(pkg, entrypoints));
        });
        trees = built;
    }
}
