package io.gatehouse.engine;

import io.gatehouse.ast.Pos;
import io.gatehouse.compile.Body;
import io.gatehouse.compile.CompiledPackage;
import io.gatehouse.compile.Lit;
import io.gatehouse.compile.Program;
import io.gatehouse.compile.RuleDef;
import io.gatehouse.compile.RuleSet;
import io.gatehouse.eval.Env;
import io.gatehouse.eval.EvalError;
import io.gatehouse.eval.Evaluator;
import io.gatehouse.eval.Limits;
import io.gatehouse.value.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs policy unit tests: the {@code test_*} rules of test-only packages, each on an empty input (tests set their
 * own with {@code with input as}). Coverage counts the lines of rule definitions and body literals outside test
 * files that any test reached.
 */
final class PolicyTests {

    private final Program program;
    private final Evaluator evaluator;
    private final Limits limits;

    PolicyTests(Program program, Evaluator evaluator, Limits limits) {
        this.program = program;
        this.evaluator = evaluator;
        this.limits = limits;
    }

    TestReport run(boolean coverage) {
        Set<Pos> covered = coverage ? new HashSet<>() : null;
        List<TestReport.TestResult> results = new ArrayList<>();
        for (RuleSet test : tests()) {
            results.add(runOne(test, covered));
        }
        return new TestReport(results, coverage ? coverage(covered) : null);
    }

    private List<RuleSet> tests() {
        List<RuleSet> tests = new ArrayList<>();
        for (CompiledPackage pkg : program.packages().values()) {
            if (pkg.testOnly()) {
                pkg.rules().values().stream().filter(rule -> rule.name().startsWith("test_")).forEach(tests::add);
            }
        }
        tests.sort(Comparator.comparing(RuleSet::pos));
        return tests;
    }

    private TestReport.TestResult runOne(RuleSet test, Set<Pos> covered) {
        long started = System.nanoTime();
        Env env = covered == null ? Env.root(Value.Null.INSTANCE, limits) : Env.covering(Value.Null.INSTANCE,
                limits, covered);
        String failure;
        try {
            Value value = evaluator.ruleValue(test, env);
            failure = value == null ? "undefined" : value.equals(Value.Bool.TRUE) ? null
                    : "evaluated to " + Evaluator.render(value);
        } catch (EvalError error) {
            failure = "error: " + (error.pos() == null ? "" : error.pos() + ": ") + error.getMessage();
        } catch (StackOverflowError overflow) {
            failure = "error: evaluation nested too deeply";
        }
        return new TestReport.TestResult(test.qualifiedName(), test.pos().toString(), failure == null, failure,
                System.nanoTime() - started);
    }

    private SortedMap<String, TestReport.FileCoverage> coverage(Set<Pos> covered) {
        SortedMap<String, TreeSet<Integer>> reachable = new TreeMap<>();
        for (CompiledPackage pkg : program.packages().values()) {
            if (pkg.testOnly()) {
                continue;
            }
            for (RuleSet rule : pkg.rules().values()) {
                for (RuleDef definition : rule.definitions()) {
                    line(reachable, definition.pos());
                    literals(reachable, definition.body());
                }
            }
        }
        Set<String> coveredLines = new HashSet<>();
        covered.forEach(pos -> coveredLines.add(pos.file() + ":" + pos.line()));
        SortedMap<String, TestReport.FileCoverage> result = new TreeMap<>();
        reachable.forEach((file, lines) -> {
            TreeSet<Integer> hit = new TreeSet<>();
            TreeSet<Integer> missed = new TreeSet<>();
            lines.forEach(line -> (coveredLines.contains(file + ":" + line) ? hit : missed).add(line));
            result.put(file, new TestReport.FileCoverage(hit, missed));
        });
        return result;
    }

    private static void literals(SortedMap<String, TreeSet<Integer>> reachable, Body body) {
        for (Lit literal : body.literals()) {
            line(reachable, literal.pos());
            if (literal instanceof Lit.Not not) {
                literals(reachable, not.body());
            } else if (literal instanceof Lit.Every every) {
                literals(reachable, every.body());
            }
        }
    }

    private static void line(SortedMap<String, TreeSet<Integer>> reachable, Pos pos) {
        reachable.computeIfAbsent(pos.file(), file -> new TreeSet<>()).add(pos.line());
    }
}
