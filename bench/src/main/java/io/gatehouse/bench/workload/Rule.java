package io.gatehouse.bench.workload;

import java.util.List;

/** A generated permit rule: it allows a query when every condition holds. */
public record Rule(int index, List<Condition> conditions) {

    public Rule {
        conditions = List.copyOf(conditions);
    }
}
