package io.gatehouse.engine;

import java.util.List;

/**
 * Why a decision came out as it did.
 *
 * @param path the decision-tree tests taken, in order, as readable text
 * @param fired the rules that fired, each with the conditions that held
 * @param closest for a deny, the rule that came closest to allowing, with the conditions that failed; else null
 */
public record Explanation(List<String> path, List<RuleTrace> fired, RuleTrace closest) {

    public Explanation {
        path = List.copyOf(path);
        fired = List.copyOf(fired);
    }

    /**
     * One rule's part in a decision.
     *
     * @param rule {@code package.rule}
     * @param location {@code file:line:column} of the rule definition
     * @param held the conditions that held
     * @param failed the conditions that failed
     */
    public record RuleTrace(String rule, String location, List<String> held, List<String> failed) {

        public RuleTrace {
            held = List.copyOf(held);
            failed = List.copyOf(failed);
        }
    }
}
