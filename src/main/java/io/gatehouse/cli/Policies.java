package io.gatehouse.cli;

import io.gatehouse.engine.Diagnostic;
import io.gatehouse.engine.PolicyCompileException;
import io.gatehouse.engine.PolicyEngine;
import io.gatehouse.engine.Revision;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Loading a policy directory for a command, reporting compile errors the one way. */
final class Policies {

    private Policies() {
    }

    /** Compiles {@code dir}; on errors prints each as {@code file:line:column: code: message} and returns empty. */
    static Optional<Revision> load(Path dir, PrintWriter err) {
        if (!Files.isDirectory(dir)) {
            err.println("error: " + dir + " is not a directory");
            return Optional.empty();
        }
        try {
            Revision revision = PolicyEngine.load(dir);
            revision.warnings().forEach(warning -> err.println(warning.format()));
            return Optional.of(revision);
        } catch (PolicyCompileException failed) {
            failed.diagnostics().stream().map(Diagnostic::format).forEach(err::println);
            long errors = failed.diagnostics().stream()
                    .filter(diagnostic -> diagnostic.severity() == Diagnostic.Severity.ERROR).count();
            err.println(errors + (errors == 1 ? " error" : " errors"));
            return Optional.empty();
        }
    }
}
