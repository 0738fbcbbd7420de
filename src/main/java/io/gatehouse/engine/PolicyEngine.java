package io.gatehouse.engine;

import java.nio.file.Path;

/** Entry point of the embedded engine: compiles a policy directory into a {@link Revision}. */
public final class PolicyEngine {

    private PolicyEngine() {
    }

    /**
     * Loads every {@code .pol} file and every JSON/YAML data document under {@code directory} and compiles them.
     *
     * @throws PolicyCompileException with every error found, sorted by position
     */
    public static Revision load(Path directory) throws PolicyCompileException {
        throw new UnsupportedOperationException("the compiler is not wired in yet");
    }
}
