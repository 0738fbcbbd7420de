package io.gatehouse.bench.engines;

import io.gatehouse.bench.workload.Workload;

/**
 * One engine under benchmark. {@link #load} does all the work that a deployment does once (parsing, compiling,
 * converting each query into the engine's own input form), so that {@link #decide} times only the decision.
 */
public interface DecisionEngine {

    /** Short name used in benchmark parameters and report rows. */
    String name();

    /** Whether the engine takes part in this workload; each adapter says why not where it does not. */
    boolean supports(Workload workload);

    void load(Workload workload) throws Exception;

    /** Decides the query at this index of the loaded workload: true for allow. */
    boolean decide(int query) throws Exception;

    /** Engine names in report order. */
    String[] NAMES = {"gatehouse", "gatehouse-naive", "cedar", "sapl", "jcasbin", "cel"};

    static DecisionEngine create(String name) {
        switch (name) {
            case "gatehouse":
                return new GatehouseEngine();
            case "gatehouse-naive":
                return new GatehouseEngine(io.gatehouse.engine.DecideOptions.NAIVE);
            case "cedar":
                return new CedarEngine();
            case "sapl":
                return new SaplEngine();
            case "jcasbin":
                return new CasbinEngine();
            case "cel":
                return new CelEngine();
            default:
                throw new IllegalArgumentException("unknown engine '" + name + "'");
        }
    }
}
