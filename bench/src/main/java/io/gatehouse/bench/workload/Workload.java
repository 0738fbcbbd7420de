package io.gatehouse.bench.workload;

/** A policy set with the queries to time against it, in engine-neutral form. */
public sealed interface Workload permits RuleWorkload, ScenarioWorkload {

    /** Short name used in benchmark parameters and report rows, e.g. {@code rbac} or {@code gdrive}. */
    String family();

    /** Rule count for rule sets, entities per type (N) for the Cedar scenarios. */
    int size();

    int queryCount();
}
