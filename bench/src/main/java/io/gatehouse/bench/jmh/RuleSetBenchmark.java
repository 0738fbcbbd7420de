package io.gatehouse.bench.jmh;

import io.gatehouse.bench.engines.DecisionEngine;
import io.gatehouse.bench.workload.RuleSets;
import io.gatehouse.bench.workload.RuleWorkload;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per decision on the generated rule sets. SampleTime samples single decisions, which gives the median and the
 * 99th percentile; the queries are decided in a fixed cycle so every engine sees the same mix of allows and denies.
 *
 * <p>Short iterations and one fork keep the whole run within minutes on the two shared cores; the settings are in
 * {@code docs/benchmarks.md}. Engines that do not take part in a shape fail their setup and are not run: bench/run.sh
 * passes only the pairs that make sense.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class RuleSetBenchmark {

    @Param({"rbac", "abac", "ranges", "relative"})
    public String shape;

    @Param({"10", "100", "1000", "10000"})
    public int rules;

    @Param({"gatehouse", "cedar", "sapl", "jcasbin", "cel"})
    public String engine;

    private DecisionEngine adapter;
    private int queries;
    private int next;

    @Setup(Level.Trial)
    public void load() throws Exception {
        RuleWorkload workload = RuleSets.generate(RuleSets.Shape.of(shape), rules);
        adapter = DecisionEngine.create(engine);
        if (!adapter.supports(workload)) {
            throw new IllegalArgumentException(engine + " does not take part in " + shape);
        }
        adapter.load(workload);
        queries = workload.queryCount();
    }

    @Benchmark
    public boolean decide() throws Exception {
        int query = next;
        next = query + 1 == queries ? 0 : query + 1;
        return adapter.decide(query);
    }
}
