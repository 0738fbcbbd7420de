package io.gatehouse.bench.jmh;

import io.gatehouse.bench.engines.DecisionEngine;
import io.gatehouse.bench.workload.ScenarioWorkload;
import io.gatehouse.bench.workload.Scenarios;
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
 * Time per decision on the Cedar benchmark scenarios: one generated hierarchy (the first seed of the agreement
 * check) and its 500 requests, decided in a fixed cycle.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ScenarioBenchmark {

    @Param({"gdrive", "github", "tinytodo"})
    public String app;

    @Param({"10", "50"})
    public int n;

    @Param({"gatehouse", "cedar"})
    public String engine;

    private DecisionEngine adapter;
    private int queries;
    private int next;

    @Setup(Level.Trial)
    public void load() throws Exception {
        ScenarioWorkload workload = Scenarios.generate(app, n, 0);
        adapter = DecisionEngine.create(engine);
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
