package io.gatehouse.engine;

import io.gatehouse.value.Value;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One compiled, immutable policy revision: every package and data document loaded from a policy directory.
 *
 * <p>A revision is safe to share between threads. A decision is made wholly by one revision.
 */
public interface Revision {

    /** Content hash over the sorted paths and contents of every file the revision was built from. */
    String id();

    /** Package paths, sorted, e.g. {@code payments.refunds}. */
    List<String> packages();

    /** Every privileged operation declared by an {@code operation} block, sorted by name. */
    List<PrivilegedOperation> catalog();

    /** The source files (relative path to content) the revision was compiled from, for bundles and diffs. */
    Map<String, String> sources();

    /** Warnings the compiler reported; errors never produce a revision. */
    List<Diagnostic> warnings();

    /**
     * Decides a query against the entrypoint package {@code policy}. Never throws for anything a policy or an input
     * can cause: an evaluation error, a limit hit or a missing entrypoint is a deny that names the reason.
     */
    Decision decide(String policy, Value input, DecideOptions options);

    /**
     * The value of any rule or package, addressed by a dotted or slashed path below {@code data}. Empty when the
     * value is undefined.
     *
     * @throws EvaluationException when the evaluation fails
     */
    Optional<Value> query(String path, Value input) throws EvaluationException;

    /**
     * Runs the policy unit tests: every rule named {@code test_*} in a package defined in a {@code *_test.pol} file.
     * A test passes when its value is {@code true}; undefined, false or an error fail it.
     *
     * @param coverage whether to record which rules and source lines the tests exercised
     */
    TestReport runTests(boolean coverage);

    /** The names of the rules of a package that have a value (functions excluded), sorted; empty if none. */
    List<String> rules(String policy);

    /** The compiled decision tree of an entrypoint package, as readable text or as Graphviz DOT. */
    String tree(String policy, TreeFormat format);

    enum TreeFormat { TEXT, DOT }
}
