package io.gatehouse.bench.workload;

import java.util.List;

/** A generated rule set of one shape and size, with its queries. */
public record RuleWorkload(RuleSets.Shape shape, List<Rule> rules, List<Query> queries) implements Workload {

    public RuleWorkload {
        rules = List.copyOf(rules);
        queries = List.copyOf(queries);
    }

    @Override
    public String family() {
        return shape.key();
    }

    @Override
    public int size() {
        return rules.size();
    }

    @Override
    public int queryCount() {
        return queries.size();
    }

    /** The reference decision: some rule has every condition true. The engines are checked against each other. */
    public boolean expected(Query query) {
        return rules.stream().anyMatch(rule -> rule.conditions().stream().allMatch(c -> holds(c, query)));
    }

    private static boolean holds(Condition condition, Query query) {
        Object value = query.at(condition.path());
        if (condition instanceof Condition.Equals equals) {
            return equals.value().equals(value);
        }
        if (condition instanceof Condition.Member member) {
            return member.values().contains(value);
        }
        Condition.Compare compare = (Condition.Compare) condition;
        if (compare.minus() != null) {
            Object subtrahend = query.at(compare.minus());
            return value instanceof Long number && subtrahend instanceof Long other
                    && compare.operator().test(number - other, compare.value());
        }
        return value instanceof Long number && compare.operator().test(number, compare.value());
    }
}
