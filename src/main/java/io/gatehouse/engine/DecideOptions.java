package io.gatehouse.engine;

/**
 * How a decision is made.
 *
 * @param explain whether the decision carries an explanation of the rules and conditions that decided it
 * @param naive whether to evaluate rule by rule, every term through continuations, instead of through the decision
 *     tree and the evaluator's single-value shortcuts; the naive path is the oracle the default path is tested against
 */
public record DecideOptions(boolean explain, boolean naive) {

    public static final DecideOptions DEFAULT = new DecideOptions(false, false);
    public static final DecideOptions EXPLAIN = new DecideOptions(true, false);
    public static final DecideOptions NAIVE = new DecideOptions(false, true);
}
