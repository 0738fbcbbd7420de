package io.gatehouse.engine;

import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * The outcome of a policy test run.
 *
 * @param results one per test rule, in file and line order
 * @param coverage per source file (relative path), or null when coverage was not asked for
 */
public record TestReport(List<TestResult> results, SortedMap<String, FileCoverage> coverage) {

    public TestReport {
        results = List.copyOf(results);
    }

    public boolean passed() {
        return results.stream().allMatch(TestResult::passed);
    }

    /**
     * One test.
     *
     * @param test {@code package.test_name}
     * @param location {@code file:line:column}
     * @param passed whether it evaluated to true
     * @param failure why it failed (undefined, false, or the error), or null
     * @param nanos how long it took
     */
    public record TestResult(String test, String location, boolean passed, String failure, long nanos) {
    }

    /**
     * Lines of one file that hold rule definitions or body literals, split by whether a test reached them.
     *
     * @param covered lines evaluated at least once
     * @param notCovered lines never evaluated
     */
    public record FileCoverage(SortedSet<Integer> covered, SortedSet<Integer> notCovered) {

        public double percent() {
            int total = covered.size() + notCovered.size();
            return total == 0 ? 100.0 : 100.0 * covered.size() / total;
        }
    }
}
