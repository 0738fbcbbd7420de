package io.gatehouse.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.gatehouse.engine.PrivilegedOperation;
import io.gatehouse.engine.Revision;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "catalog", description = "List every privileged operation with its owner, risk and governing rules.")
final class CatalogCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "policy directory", defaultValue = "policies")
    Path dir;

    @Option(names = "--json", description = "print JSON instead of a table")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        Optional<Revision> revision = Policies.load(dir, spec.commandLine().getErr());
        if (revision.isEmpty()) {
            return Main.FOUND_PROBLEMS;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(EvalCommand.JSON.writeValueAsString(revision.get().catalog()));
            return 0;
        }
        out.printf("%-24s %-20s %-9s %s%n", "OPERATION", "OWNER", "RISK", "RULES");
        for (PrivilegedOperation operation : revision.get().catalog()) {
            out.printf("%-24s %-20s %-9s %s%n", operation.name(), operation.owner(), operation.risk(),
                    String.join(", ", operation.rules()));
            out.printf("    %s (%s)%n", operation.description(), operation.location());
        }
        return 0;
    }
}
