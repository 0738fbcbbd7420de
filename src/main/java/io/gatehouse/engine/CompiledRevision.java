package io.gatehouse.engine;

import io.gatehouse.ast.RuleDecl;
import io.gatehouse.compile.Catalog;
import io.gatehouse.compile.CompiledPackage;
import io.gatehouse.compile.Compiler;
import io.gatehouse.compile.Program;
import io.gatehouse.compile.RuleSet;
import io.gatehouse.eval.Documents;
import io.gatehouse.eval.Env;
import io.gatehouse.eval.EvalError;
import io.gatehouse.eval.Limits;
import io.gatehouse.tree.DecisionTree;
import io.gatehouse.tree.TreePrinter;
import io.gatehouse.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** The engine's {@link Revision}: an immutable compiled program plus the sources it came from. */
public final class CompiledRevision implements Revision {

    private final String id;
    private final Map<String, String> sources;
    private final Compiler.Result compiled;
    private final Program program;
    private final Limits limits;
    private final Decider decider;
    private final List<PrivilegedOperation> catalog;
    private final List<String> packages;

    CompiledRevision(String id, Map<String, String> sources, Compiler.Result compiled, Limits limits) {
        this.id = Objects.requireNonNull(id, "id");
        this.sources = Collections.unmodifiableMap(new TreeMap<>(sources));
        this.compiled = compiled;
        this.program = Objects.requireNonNull(compiled.program(), "program");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.decider = new Decider(program, limits, id);
        this.catalog = Catalog.of(program);
        this.packages = program.packages().values().stream().filter(pkg -> !pkg.testOnly())
                .map(CompiledPackage::name).toList();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<String> packages() {
        return packages;
    }

    @Override
    public List<PrivilegedOperation> catalog() {
        return catalog;
    }

    @Override
    public Map<String, String> sources() {
        return sources;
    }

    @Override
    public List<Diagnostic> warnings() {
        return compiled.problems().warnings();
    }

    @Override
    public Decision decide(String policy, Value input, DecideOptions options) {
        return decider.decide(policy, input, options == null ? DecideOptions.DEFAULT : options);
    }

    @Override
    public Optional<Value> query(String path, Value input) throws EvaluationException {
        Objects.requireNonNull(path, "path");
        List<String> parts = new ArrayList<>();
        for (String part : path.split("[./]")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        if (!parts.isEmpty() && parts.get(0).equals("data")) {
            parts.remove(0);
        }
        try {
            return Optional.ofNullable(value(parts, Env.root(input, limits)));
        } catch (EvalError e) {
            throw new EvaluationException(e.code(), e.pos() == null ? null : e.pos().toString(), e.getMessage());
        } catch (StackOverflowError e) {
            throw new EvaluationException(EvalError.LIMIT, null, "evaluation nested too deeply");
        }
    }

    private Value value(List<String> parts, Env env) {
        for (int split = parts.size(); split >= 0; split--) {
            CompiledPackage pkg = program.packages().get(String.join(".", parts.subList(0, split)));
            if (pkg != null && split < parts.size() && pkg.rule(parts.get(split)) != null) {
                RuleSet rule = pkg.rule(parts.get(split));
                if (rule.kind() == RuleDecl.Kind.FUNCTION) {
                    return null;
                }
                Value value = decider.evaluator().ruleValue(rule, env);
                return value == null ? null : Documents.at(value, parts.subList(split + 1, parts.size()));
            }
        }
        for (int split = parts.size(); split >= 0; split--) {
            List<String> prefix = parts.subList(0, split);
            if (isPackagePrefix(prefix)) {
                Value value = decider.evaluator().packageValue(prefix, env);
                return Documents.at(value, parts.subList(split, parts.size()));
            }
        }
        return Documents.at(program.data(), parts);
    }

    private boolean isPackagePrefix(List<String> path) {
        String prefix = String.join(".", path);
        return program.packages().keySet().stream()
                .anyMatch(name -> path.isEmpty() || name.equals(prefix) || name.startsWith(prefix + "."));
    }

    /** The decision tree of a package as indented text, or empty when the package has none. */
    public Optional<String> treeText(String policy) {
        return tree(policy).map(TreePrinter::text);
    }

    /** The decision tree of a package as Graphviz DOT, or empty when the package has none. */
    public Optional<String> treeDot(String policy) {
        return tree(policy).map(TreePrinter::dot);
    }

    private Optional<DecisionTree> tree(String policy) {
        return Optional.ofNullable(program.trees().get(policy));
    }

    @Override
    public List<String> rules(String policy) {
        CompiledPackage pkg = program.packages().get(policy);
        if (pkg == null) {
            return List.of();
        }
        return pkg.rules().values().stream().filter(rule -> rule.kind() != RuleDecl.Kind.FUNCTION)
                .map(RuleSet::name).sorted().toList();
    }

    @Override
    public TestReport runTests(boolean coverage) {
        return new PolicyTests(program, decider.evaluator(), limits).run(coverage);
    }

    @Override
    public String tree(String policy, TreeFormat format) {
        return tree(policy)
                .map(tree -> format == TreeFormat.DOT ? TreePrinter.dot(tree) : TreePrinter.text(tree))
                .orElse(format == TreeFormat.DOT ? "digraph \"" + policy + "\" {}\n"
                        : "(no decision tree: " + policy + " has no indexed entrypoint rules)\n");
    }

    /** The compiled program, for tools in the engine (tests runner, coverage). */
    public Program program() {
        return program;
    }

    /** Time spent in each compiler stage, in nanoseconds, in stage order. */
    public Map<String, Long> stageNanos() {
        return compiled.stageNanos();
    }

    /** The evaluation limits decisions run under. */
    public Limits limits() {
        return limits;
    }
}
