package io.gatehouse.eval;

import io.gatehouse.compile.RuleSet;
import io.gatehouse.compile.Term;
import io.gatehouse.value.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one decision: the input, the {@code with} replacements in force, the memo of rule values and the
 * work counters. A {@code with} opens a child with its own memo, because rule values may differ under it; the
 * counters are shared so the limits hold for the whole decision.
 */
public final class Env {

    /** Memo entry for a rule evaluated to undefined. */
    static final Object UNDEFINED = new Object();

    final Value input;
    final List<Replacement> dataReplacements;
    final Limits limits;
    final Counter counter;
    final int withDepth;
    private Map<RuleSet, Object> memo;

    private Env(Value input, List<Replacement> dataReplacements, Limits limits, Counter counter, int withDepth) {
        this.input = input;
        this.dataReplacements = dataReplacements;
        this.limits = limits;
        this.counter = counter;
        this.withDepth = withDepth;
    }

    /** A fresh decision over {@code input}; null input means undefined input. */
    public static Env root(Value input, Limits limits) {
        return new Env(input, List.of(), limits, new Counter(), 0);
    }

    /** A fresh decision that records the position of every rule entered and literal evaluated into {@code covered}. */
    public static Env covering(Value input, Limits limits, java.util.Set<io.gatehouse.ast.Pos> covered) {
        Counter counter = new Counter();
        counter.covered = covered;
        return new Env(input, List.of(), limits, counter, 0);
    }

    Env child(Value newInput, List<Replacement> newData) {
        return new Env(newInput, newData, limits, counter, withDepth + 1);
    }

    /** Slots of the input path cache: direct-mapped, so a collision only costs a repeated lookup. */
    private static final int PATH_CACHE = 32;

    /** Values of static input paths looked up in this decision (under this input), by path slot; see #path. */
    private Value[] pathValues;
    private int[] pathTags;

    /**
     * The value of the static input path numbered {@code slot} ({@code keys} below {@code input}), looked up once per
     * decision and input: a policy that tests {@code input.resource.amount} in ten thousand rules walks the input
     * once. Null when undefined.
     */
    // Performance: a probe into two small arrays, allocated on the first path a decision reads.
    Value path(int slot, List<Term.Step> keys) {
        if (pathValues == null) {
            pathValues = new Value[PATH_CACHE];
            pathTags = new int[PATH_CACHE];
        }
        int at = slot & (PATH_CACHE - 1);
        if (pathTags[at] == slot + 1) {
            return pathValues[at];
        }
        Value current = input;
        for (int i = 0; i < keys.size() && current != null; i++) {
            current = Documents.member(current, ((Term.Const) keys.get(i).key()).value());
        }
        pathTags[at] = slot + 1;
        pathValues[at] = current;
        return current;
    }

    Object memo(RuleSet rule) {
        return memo == null ? null : memo.get(rule);
    }

    void remember(RuleSet rule, Object value) {
        if (memo == null) {
            memo = new HashMap<>();
        }
        memo.put(rule, value);
    }

    /** Steps taken so far, for tests and explanations. */
    public long steps() {
        return counter.steps;
    }

    /** A {@code with data.path as value} in force. */
    record Replacement(List<String> path, Value value) {
    }

    static final class Counter {
        long steps;
        int depth;
        /** Positions reached, for test coverage; null (and free) in decisions. */
        java.util.Set<io.gatehouse.ast.Pos> covered;
    }
}
