package io.gatehouse.cli;

import io.gatehouse.engine.Revision;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check", description = "Compile every .pol and data file under DIR and report every error.")
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "policy directory", defaultValue = "policies")
    Path dir;

    @Override
    public Integer call() {
        Optional<Revision> revision = Policies.load(dir, spec.commandLine().getErr());
        if (revision.isEmpty()) {
            return Main.FOUND_PROBLEMS;
        }
        spec.commandLine().getOut().printf("ok: revision %s, %d packages, %d privileged operations%n",
                revision.get().id(), revision.get().packages().size(), revision.get().catalog().size());
        return 0;
    }
}
