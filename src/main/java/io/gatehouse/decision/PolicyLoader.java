package io.gatehouse.decision;

import io.gatehouse.engine.Diagnostic;
import io.gatehouse.engine.PolicyCompileException;
import io.gatehouse.engine.PolicyEngine;
import io.gatehouse.engine.Revision;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.FutureTask;
import org.jboss.logging.Logger;

/**
 * Loads the policy directory at startup. A directory that does not compile stops startup with every error listed
 * as {@code file:line:column: message}: a service that cannot decide must not pretend to be ready.
 *
 * <p>Compiling is the longest piece of start-up work that depends on nothing else, so it runs on its own thread:
 * from the service's entry point on, beside Quarkus' own start-up ({@link EarlyCompile}), else from the first
 * startup observer on, beside the observers that open the audit log and load the signing keys. The revision is
 * taken in, or startup fails, in a later observer that waits for it. Startup still ends only once a revision is in
 * place: the HTTP server opens after the last observer.
 */
@ApplicationScoped
public class PolicyLoader {

    private static final Logger LOG = Logger.getLogger(PolicyLoader.class);

    private final PolicyConfig config;
    private final RevisionHolder revisions;
    private FutureTask<Revision> loading;

    PolicyLoader(PolicyConfig config, RevisionHolder revisions) {
        this.config = config;
        this.revisions = revisions;
    }

    /**
     * Takes the compile {@link EarlyCompile} started for the configured directory, or starts compiling before every
     * other startup observer.
     */
    void startLoading(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) StartupEvent event) {
        Path directory = Path.of(config.dir());
        FutureTask<Revision> early = EarlyCompile.take(directory).orElse(null);
        if (!config.loadAtStartup()) {
            if (early != null) {
                early.cancel(true);
            }
            return;
        }
        if (early != null) {
            loading = early;
            return;
        }
        loading = new FutureTask<>(() -> load(directory));
        startThread(loading);
    }

    static void startThread(FutureTask<Revision> compile) {
        Thread thread = new Thread(compile, "gatehouse-policy-load");
        thread.setDaemon(true);
        thread.start();
    }

    /** Takes in the compiled revision after the independent startup work, before the policy watcher starts. */
    void awaitLoaded(@Observes @Priority(Interceptor.Priority.APPLICATION + 550) StartupEvent event) {
        if (!config.loadAtStartup()) {
            LOG.info("policy directory not loaded at startup; waiting for a revision");
            return;
        }
        Revision revision = loaded();
        revisions.swap(revision);
        LOG.infof("policy revision %s loaded from %s: %d packages, %d privileged operations",
                shortId(revision.id()), config.dir(), revision.packages().size(), revision.catalog().size());
        revision.warnings().forEach(warning -> LOG.warn(warning.format()));
    }

    /** The compiled revision; a compile failure is rethrown as it was thrown, so it stops startup the same way. */
    private Revision loaded() {
        try {
            return StartupWork.await(loading, "the policy directory was compiling");
        } finally {
            loading = null;
        }
    }

    /** Compiles {@code directory}, or fails with every compile error in the message. */
    public static Revision load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("policy directory " + directory.toAbsolutePath() + " does not exist"
                    + "\n  hint: set gatehouse.policy.dir to the folder holding your .pol files");
        }
        try {
            return PolicyEngine.load(directory);
        } catch (PolicyCompileException failed) {
            StringBuilder message = new StringBuilder("policies in " + directory + " do not compile:");
            for (Diagnostic diagnostic : failed.diagnostics()) {
                message.append('\n').append(diagnostic.format());
            }
            throw new IllegalStateException(message.toString());
        }
    }

    static String shortId(String revisionId) {
        return revisionId.length() > 12 ? revisionId.substring(0, 12) : revisionId;
    }
}
