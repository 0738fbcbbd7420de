package io.gatehouse.cli;

import io.gatehouse.engine.Revision;
import io.gatehouse.engine.TestReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "test", description = "Run the test_ rules of every *_test.pol file under DIR.")
final class TestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "policy directory", defaultValue = "policies")
    Path dir;

    @Option(names = "--coverage", description = "report which rule lines the tests exercised")
    boolean coverage;

    @Option(names = {"-v", "--verbose"}, description = "list passing tests too")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<Revision> revision = Policies.load(dir, spec.commandLine().getErr());
        if (revision.isEmpty()) {
            return Main.FOUND_PROBLEMS;
        }
        TestReport report = revision.get().runTests(coverage);
        for (TestReport.TestResult result : report.results()) {
            if (!result.passed()) {
                out.printf("FAIL %s (%s): %s%n", result.test(), result.location(), result.failure());
            } else if (verbose) {
                out.printf("PASS %s (%s) %.3f ms%n", result.test(), result.location(), result.nanos() / 1e6);
            }
        }
        if (report.coverage() != null) {
            printCoverage(out, report.coverage());
        }
        long failed = report.results().stream().filter(result -> !result.passed()).count();
        out.printf("policies: %d passed, %d failed%n", report.results().size() - failed, failed);
        return failed == 0 && !report.results().isEmpty() ? 0 : Main.FOUND_PROBLEMS;
    }

    private static void printCoverage(PrintWriter out, Map<String, TestReport.FileCoverage> coverage) {
        out.println("coverage:");
        coverage.forEach((file, lines) -> out.printf("  %5.1f%%  %s%s%n", lines.percent(), file,
                lines.notCovered().isEmpty() ? "" : "  not covered: lines " + lines.notCovered().stream()
                        .map(String::valueOf).collect(Collectors.joining(", "))));
    }
}
