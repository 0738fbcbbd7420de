package io.gatehouse.decision;

import io.gatehouse.engine.Revision;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The compile of the policy directory, started by {@link io.gatehouse.ServiceMain} before Quarkus starts.
 *
 * <p>Why before. Quarkus' own start-up (static init, configuration, the extensions' runtime init) takes most of the
 * time to ready on the main thread and needs nothing from the policies, while the compile needs nothing from
 * Quarkus. Started from the first startup observer, the compile ran after all of that and the main thread then
 * waited for it; started here it runs beside it.
 *
 * <p>What it may get wrong, and why that is safe. Quarkus' configuration does not exist yet, so the directory is
 * read from where an operator names it explicitly ({@value #DIRECTORY_PROPERTY} or {@value #DIRECTORY_VARIABLE};
 * the launcher always passes the property). {@link PolicyLoader} takes the compile only when it was started for the
 * directory the configuration resolves to and compiles that directory itself otherwise; a compile nobody takes is
 * cancelled. Readiness still waits for the revision, and a directory that does not compile still stops startup.
 */
public final class EarlyCompile {

    static final String DIRECTORY_PROPERTY = "gatehouse.policy.dir";
    static final String DIRECTORY_VARIABLE = "GATEHOUSE_POLICY_DIR";

    private static final AtomicReference<Started> STARTED = new AtomicReference<>();

    private record Started(Path directory, FutureTask<Revision> compile) {
    }

    private EarlyCompile() {
    }

    /** Starts compiling the directory named by the system property, else the environment variable, if either is. */
    public static void start() {
        String named = System.getProperty(DIRECTORY_PROPERTY, System.getenv(DIRECTORY_VARIABLE));
        if (named != null && !named.isBlank()) {
            start(Path.of(named));
        }
    }

    /** Starts compiling {@code directory} on its own thread. */
    static void start(Path directory) {
        FutureTask<Revision> compile = new FutureTask<>(() -> PolicyLoader.load(directory));
        Started previous = STARTED.getAndSet(new Started(absolute(directory), compile));
        if (previous != null) {
            previous.compile().cancel(true);
        }
        PolicyLoader.startThread(compile);
    }

    /**
     * The compile started for {@code directory}, taken once; empty when none was started, or when the one started was
     * for another directory, which is then cancelled.
     */
    static Optional<FutureTask<Revision>> take(Path directory) {
        Started started = STARTED.getAndSet(null);
        if (started == null) {
            return Optional.empty();
        }
        if (!started.directory().equals(absolute(directory))) {
            started.compile().cancel(true);
            return Optional.empty();
        }
        return Optional.of(started.compile());
    }

    private static Path absolute(Path directory) {
        return directory.toAbsolutePath().normalize();
    }
}
