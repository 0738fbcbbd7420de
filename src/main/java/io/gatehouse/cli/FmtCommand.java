package io.gatehouse.cli;

import io.gatehouse.parse.PolicyFormatter;
import io.gatehouse.parse.PolicyFormatter.FormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "fmt", description = {
    "Rewrite .pol files in canonical form. Formatting formatted code changes nothing.",
    "With --check, change nothing and exit 1 if any file is not formatted (for CI)."})
final class FmtCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = ".pol files or directories", defaultValue = "policies")
    List<Path> paths;

    @Option(names = "--check", description = "report unformatted files instead of rewriting them")
    boolean check;

    @Option(names = "--diff", description = "print the formatted text of unformatted files")
    boolean diff;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int unformatted = 0;
        int broken = 0;
        for (Path file : policyFiles()) {
            String source = Files.readString(file);
            String formatted;
            try {
                formatted = PolicyFormatter.format(file.toString(), source);
            } catch (FormatException failed) {
                failed.diagnostics().forEach(diagnostic -> err.println(diagnostic.format()));
                broken++;
                continue;
            }
            if (formatted.equals(source)) {
                continue;
            }
            unformatted++;
            if (check) {
                out.println("not formatted: " + file);
            } else {
                Files.writeString(file, formatted);
                out.println("formatted: " + file);
            }
            if (diff) {
                out.print(formatted);
            }
        }
        return broken > 0 || (check && unformatted > 0) ? Main.FOUND_PROBLEMS : 0;
    }

    private List<Path> policyFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(file -> file.toString().endsWith(".pol")).sorted().forEach(files::add);
                }
            } else {
                files.add(path);
            }
        }
        return files;
    }
}
