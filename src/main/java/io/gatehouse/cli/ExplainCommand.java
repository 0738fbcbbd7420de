package io.gatehouse.cli;

import io.gatehouse.engine.Revision;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "explain", description = "Print the compiled decision tree of an entrypoint package.")
final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PACKAGE", description = "entrypoint package, e.g. s2s.operations")
    String policy;

    @Option(names = {"-d", "--dir"}, description = "policy directory (default: ${DEFAULT-VALUE})",
            defaultValue = "policies")
    Path dir;

    @Option(names = "--dot", description = "print Graphviz DOT instead of text")
    boolean dot;

    @Override
    public Integer call() {
        Optional<Revision> revision = Policies.load(dir, spec.commandLine().getErr());
        if (revision.isEmpty()) {
            return Main.FOUND_PROBLEMS;
        }
        if (!revision.get().packages().contains(policy)) {
            spec.commandLine().getErr().println("error: no package \"" + policy + "\" in " + dir);
            return Main.USAGE;
        }
        Revision.TreeFormat format = dot ? Revision.TreeFormat.DOT : Revision.TreeFormat.TEXT;
        spec.commandLine().getOut().print(revision.get().tree(policy, format));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
