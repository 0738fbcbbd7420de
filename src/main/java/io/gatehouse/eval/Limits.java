package io.gatehouse.eval;

/**
 * Bounds on the work of one decision, so that a policy cannot make a decision run away.
 *
 * @param maxSteps evaluation steps (literals tried and collection members visited) per decision
 * @param maxDepth nesting of rule, function and {@code with} evaluations
 */
public record Limits(long maxSteps, int maxDepth) {

    /** A million steps is far above any sane policy and well under a second of work. */
    public static final Limits DEFAULT = new Limits(1_000_000, 64);

    public Limits {
        if (maxSteps <= 0 || maxDepth <= 0) {
            throw new IllegalArgumentException("limits must be positive, given steps " + maxSteps + " and depth "
                    + maxDepth);
        }
    }
}
