package io.gatehouse.bench.engines;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.gatehouse.bench.workload.Condition;
import io.gatehouse.bench.workload.Query;
import io.gatehouse.bench.workload.Rule;
import io.gatehouse.bench.workload.RuleWorkload;
import io.gatehouse.bench.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Google CEL: one compiled program per rule, evaluated in order until one is true. CEL is an expression language
 * with no policy index, so this is how a CEL user evaluates a list of rules. A program that fails (a missing key)
 * counts as false, as a Cedar policy that errors is skipped.
 */
public final class CelEngine implements DecisionEngine {

    private CelRuntime.Program[] programs;
    private Map<String, Object>[] activations;

    @Override
    public String name() {
        return "cel";
    }

    @Override
    public boolean supports(Workload workload) {
        return workload instanceof RuleWorkload;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void load(Workload workload) throws Exception {
        RuleWorkload rules = (RuleWorkload) workload;
        CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
                .addVar("input", MapType.create(SimpleType.STRING, SimpleType.DYN))
                .build();
        CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();
        List<CelRuntime.Program> compiled = new ArrayList<>(rules.size());
        for (String expression : expressions(rules)) {
            CelAbstractSyntaxTree ast = compiler.compile(expression).getAst();
            compiled.add(runtime.createProgram(ast));
        }
        programs = compiled.toArray(CelRuntime.Program[]::new);
        activations = rules.queries().stream().map(CelEngine::activation).toArray(Map[]::new);
    }

    @Override
    public boolean decide(int query) {
        Map<String, Object> activation = activations[query];
        for (CelRuntime.Program program : programs) {
            try {
                if (Boolean.TRUE.equals(program.eval(activation))) {
                    return true;
                }
            } catch (CelEvaluationException e) {
                // a failing rule does not apply
            }
        }
        return false;
    }

    public static List<String> expressions(RuleWorkload workload) {
        List<String> expressions = new ArrayList<>(workload.size());
        for (Rule rule : workload.rules()) {
            expressions.add(rule.conditions().stream().map(CelEngine::test).collect(Collectors.joining(" && ")));
        }
        return expressions;
    }

    private static String test(Condition condition) {
        String path = "input." + condition.path().dotted();
        if (condition instanceof Condition.Equals equals) {
            return path + " == " + GatehouseEngine.quote(equals.value());
        }
        if (condition instanceof Condition.Member member) {
            return path + " in [" + member.values().stream().map(GatehouseEngine::quote)
                    .collect(Collectors.joining(", ")) + "]";
        }
        Condition.Compare compare = (Condition.Compare) condition;
        return compare.left("input.") + " " + compare.operator().symbol() + " " + compare.value();
    }

    private static Map<String, Object> activation(Query query) {
        return Map.of("input", Map.of("action", query.action(), "subject", query.subject(),
                "resource", query.resource()));
    }
}
