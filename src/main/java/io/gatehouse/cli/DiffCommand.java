package io.gatehouse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.engine.Decision;
import io.gatehouse.engine.Diagnostic;
import io.gatehouse.engine.PolicyCompileException;
import io.gatehouse.engine.Revision;
import io.gatehouse.lifecycle.DecisionDiff;
import io.gatehouse.lifecycle.DecisionDiff.Change;
import io.gatehouse.lifecycle.DecisionDiff.Difference;
import io.gatehouse.lifecycle.DecisionDiff.Query;
import io.gatehouse.lifecycle.DecisionDiff.Report;
import io.gatehouse.lifecycle.PolicyScan;
import io.gatehouse.lifecycle.PolicySources;
import io.gatehouse.lifecycle.RevisionLoader;
import io.gatehouse.value.Values;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gatehouse diff OLD_DIR NEW_DIR}: the decisions that change between two policy revisions, for review and CI.
 * Exit status 0: no decision changed; 1: decisions changed but no access widened; 2: some access widened (a deny
 * became an allow); 3: an error (a revision does not compile, an input file is malformed, a bad option).
 */
@Command(name = "diff", mixinStandardHelpOptions = true, sortOptions = false,
        exitCodeOnInvalidInput = DiffCommand.ERROR, exitCodeOnExecutionException = DiffCommand.ERROR,
        description = {
            "Decides the same inputs with two policy revisions and reports every decision that changed,",
            "grouped by operation, with the rules that decided on each side.",
            "Inputs: recorded ones (--inputs, --audit) and ones generated from the constants and input paths",
            "the policies test."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:no decision changed",
            "1:decisions changed, no access widened (allow to deny, or other reasons or obligations)",
            "2:access widened: some deny became an allow",
            "3:error: a revision does not compile, an input file is malformed, a bad option"})
public final class DiffCommand implements Callable<Integer> {

    static final int ERROR = 3;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    enum Format { text, json }

    @Parameters(index = "0", paramLabel = "OLD_DIR", description = "policy directory of the current revision")
    Path oldDirectory;

    @Parameters(index = "1", paramLabel = "NEW_DIR", description = "policy directory of the proposed revision")
    Path newDirectory;

    @Option(names = {"-i", "--inputs"}, paramLabel = "FILE",
            description = "JSON-lines file of queries {\"policy\": ..., \"input\": {...}} or bare inputs; repeatable")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--audit", paramLabel = "PATH",
            description = "audit log directory or segment file; each decision record's input is asked again of its"
                    + " policy; repeatable")
    List<Path> auditLogs = new ArrayList<>();

    @Option(names = "--no-generate", description = "compare recorded inputs only")
    boolean noGenerate;

    @Option(names = "--max-generated", paramLabel = "N", defaultValue = "" + DecisionDiff.DEFAULT_MAX_GENERATED,
            description = "generated inputs per entrypoint package at most (default: ${DEFAULT-VALUE})")
    int maxGenerated;

    @Option(names = "--show", paramLabel = "N", defaultValue = "20",
            description = "changed decisions listed per operation in text output (default: ${DEFAULT-VALUE})")
    int show;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Spec
    CommandSpec spec;

    RevisionLoader loader = RevisionLoader.ENGINE;

    /** Runs standalone: {@code java -cp ... io.gatehouse.cli.DiffCommand OLD_DIR NEW_DIR}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new DiffCommand()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Revision before = load(oldDirectory, "old", err);
            Revision after = load(newDirectory, "new", err);
            if (before == null || after == null) {
                return ERROR;
            }
            Report report = run(before, after);
            if (format == Format.json) {
                out.println(JSON.writeValueAsString(json(report)));
            } else {
                printText(report, out);
            }
            out.flush();
            return report.exitStatus();
        } catch (IOException failed) {
            err.println("gatehouse diff: " + failed.getMessage());
            err.flush();
            return ERROR;
        }
    }

    private Report run(Revision before, Revision after) throws IOException {
        Map<String, String> oldFiles = PolicySources.read(oldDirectory);
        Map<String, String> newFiles = PolicySources.read(newDirectory);
        List<PolicyScan.Entrypoint> oldScan = PolicyScan.scan(oldFiles);
        List<PolicyScan.Entrypoint> newScan = PolicyScan.scan(newFiles);
        TreeSet<String> entrypoints = new TreeSet<>();
        oldScan.forEach(entrypoint -> entrypoints.add(entrypoint.packageName()));
        newScan.forEach(entrypoint -> entrypoints.add(entrypoint.packageName()));

        List<Query> recorded = new ArrayList<>();
        for (Path file : inputs) {
            recorded.addAll(DecisionDiff.readQueries(file, List.copyOf(entrypoints)));
        }
        for (Path log : auditLogs) {
            recorded.addAll(DecisionDiff.readAudit(log));
        }
        List<Query> generated = noGenerate ? List.of() : DecisionDiff.generate(oldScan, newScan, maxGenerated);
        return DecisionDiff.compare(before, after, recorded, generated);
    }

    private Revision load(Path directory, String which, PrintWriter err) {
        if (!Files.isDirectory(directory)) {
            err.println("gatehouse diff: " + which + " policy directory " + directory + " does not exist");
            err.flush();
            return null;
        }
        try {
            return loader.load(directory);
        } catch (PolicyCompileException failed) {
            err.println("gatehouse diff: the " + which + " revision in " + directory + " does not compile:");
            failed.diagnostics().stream().map(Diagnostic::format).forEach(err::println);
            err.flush();
            return null;
        }
    }

    private void printText(Report report, PrintWriter out) {
        out.printf("gatehouse diff: %s (revision %s) -> %s (revision %s)%n", oldDirectory, shortId(report.before()),
                newDirectory, shortId(report.after()));
        out.printf("compared %d queries: %d recorded, %d generated%n", report.recorded() + report.generated(),
                report.recorded(), report.generated());
        out.printf("%d widened, %d narrowed, %d changed%n", report.count(Change.WIDENED),
                report.count(Change.NARROWED), report.count(Change.CHANGED));
        report.byOperation().forEach((operation, differences) -> printOperation(operation, differences, out));
        out.println();
        out.println(switch (report.exitStatus()) {
            case 0 -> "result: no decision changed (exit 0)";
            case 1 -> "result: decisions changed, no access widened (exit 1)";
            default -> "result: ACCESS WIDENED (exit 2)";
        });
    }

    private void printOperation(String operation, List<Difference> differences, PrintWriter out) {
        out.println();
        out.printf("operation %s: %s%n", operation, summary(differences));
        differences.stream().limit(Math.max(0, show)).forEach(difference -> {
            out.printf("  %-8s %s  (%s)%n", difference.change(), difference.query().policy(),
                    difference.query().origin());
            out.printf("    input:  %s%n", difference.query().input());
            out.printf("    before: %s%n", describe(difference.before()));
            out.printf("    after:  %s%n", describe(difference.after()));
        });
        if (differences.size() > show) {
            out.printf("  ... %d more (raise --show to list them)%n", differences.size() - show);
        }
    }

    private static String summary(List<Difference> differences) {
        List<String> parts = new ArrayList<>();
        for (Change change : Change.values()) {
            long count = differences.stream().filter(difference -> difference.change() == change).count();
            if (count > 0) {
                parts.add(count + " " + change.name().toLowerCase(Locale.ROOT));
            }
        }
        return String.join(", ", parts);
    }

    private static String describe(Decision decision) {
        StringBuilder text = new StringBuilder(decision.allowed() ? "allow" : "deny");
        if (!decision.reasons().isEmpty()) {
            text.append("  reasons ").append(decision.reasons());
        }
        if (!decision.obligations().members().isEmpty()) {
            text.append("  obligations ").append(Values.toJson(decision.obligations()));
        }
        return text.append("  rules ").append(decision.rules()).toString();
    }

    private static ObjectNode json(Report report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("before", report.before());
        root.put("after", report.after());
        root.put("recorded", report.recorded());
        root.put("generated", report.generated());
        root.put("exit_status", report.exitStatus());
        for (Change change : Change.values()) {
            root.put(change.name().toLowerCase(Locale.ROOT), report.count(change));
        }
        ObjectNode operations = root.putObject("operations");
        report.byOperation().forEach((operation, differences) -> {
            ArrayNode list = operations.putArray(operation);
            differences.forEach(difference -> list.add(json(difference)));
        });
        return root;
    }

    private static ObjectNode json(Difference difference) {
        ObjectNode node = JSON.createObjectNode();
        node.put("change", difference.change().name().toLowerCase(Locale.ROOT));
        node.put("policy", difference.query().policy());
        node.put("origin", difference.query().origin());
        node.set("input", difference.query().input());
        node.set("before", json(difference.before()));
        node.set("after", json(difference.after()));
        return node;
    }

    private static ObjectNode json(Decision decision) {
        ObjectNode node = JSON.createObjectNode();
        node.put("allow", decision.allowed());
        node.set("reasons", JSON.valueToTree(decision.reasons()));
        node.set("obligations", Values.toJson(decision.obligations()));
        node.set("rules", JSON.valueToTree(decision.rules()));
        if (decision.error() != null) {
            node.put("error", decision.error());
        }
        return node;
    }

    private static String shortId(String revisionId) {
        return revisionId.length() > 12 ? revisionId.substring(0, 12) : revisionId;
    }
}
