package io.gatehouse.engine;

import java.util.List;
import java.util.stream.Collectors;

/** A policy directory did not compile; carries every error found, sorted by position. */
public final class PolicyCompileException extends Exception {

    private final List<Diagnostic> diagnostics;

    public PolicyCompileException(List<Diagnostic> diagnostics) {
        super(diagnostics.stream().map(Diagnostic::format).collect(Collectors.joining("\n")));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
